package io.leakwatch.attach.targets;

/**
 * The agreed marker MBean contract ({@code io.leakwatch:type=LeakMarkers}, attribute
 * {@code Survivors}) with fixed figures, so the sampler's reading of it can be checked. The real
 * marker library is another part; this only speaks the same JMX shape.
 */
public final class TestLeakMarkers implements TestLeakMarkersMXBean {

    @Override
    public Survivor[] getSurvivors() {
        return new Survivor[] {new Survivor("session", 3, 1500), new Survivor("request", 0, 0)};
    }
}
