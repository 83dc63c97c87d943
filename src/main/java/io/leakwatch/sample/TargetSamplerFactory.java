package io.leakwatch.sample;

import io.leakwatch.model.TargetSelector;

/** Makes a {@link TargetSampler} for a configured target; implemented by the attach adapter. */
public interface TargetSamplerFactory {

    /** A sampler for {@code target} that finds its JVMs with {@code selector}. Connects lazily. */
    TargetSampler create(String target, TargetSelector selector, SamplingOptions options);
}
