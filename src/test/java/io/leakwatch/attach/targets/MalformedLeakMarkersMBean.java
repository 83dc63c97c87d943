package io.leakwatch.attach.targets;

/** Standard MBean interface of {@link MalformedLeakMarkers}. */
public interface MalformedLeakMarkersMBean {

    String getSurvivors();
}
