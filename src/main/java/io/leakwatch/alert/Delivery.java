package io.leakwatch.alert;

import java.util.Objects;

/** The result of one delivery attempt. */
public sealed interface Delivery {

    /** The receiver accepted the alert. */
    record Delivered() implements Delivery {
    }

    /**
     * The receiver did not accept it.
     *
     * @param retryable true when trying later may succeed (down, slow, 5xx, 429); false when the
     *                  receiver rejected the alert itself (other 4xx)
     * @param detail    the cause, for logs
     */
    record Failed(boolean retryable, String detail) implements Delivery {
        public Failed {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
