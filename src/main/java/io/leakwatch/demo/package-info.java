/**
 * {@code leakwatch demo}: a bundled service that leaks ({@link io.leakwatch.demo.LeakyService},
 * run in its own JVM) and a console consumer of samples ({@link io.leakwatch.demo.DemoConsole})
 * that shows the live heap and the types that grew most since the first sample.
 */
package io.leakwatch.demo;
