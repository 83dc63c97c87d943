package io.leakwatch.attach.targets;

/** Registered under the marker MBean's name but with the wrong shape: Survivors is a String. */
public final class MalformedLeakMarkers implements MalformedLeakMarkersMBean {

    @Override
    public String getSurvivors() {
        return "session=3";
    }
}
