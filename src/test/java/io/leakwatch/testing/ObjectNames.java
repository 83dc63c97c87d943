package io.leakwatch.testing;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** MBean names the test helpers know to be well formed. */
public final class ObjectNames {

    private ObjectNames() {
    }

    /** {@code value} as an {@link ObjectName}; a malformed one is a bug in the test. */
    public static ObjectName of(String value) {
        try {
            return new ObjectName(value);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
