/**
 * {@code leakwatch demo}: a bundled service that leaks ({@link io.leakwatch.demo.LeakyService},
 * run in its own JVM, marking the sessions it closes), a console consumer of samples
 * ({@link io.leakwatch.demo.DemoConsole}) that shows the live heap and the types that grew most
 * since the first sample, and a console alert sink ({@link io.leakwatch.demo.DemoAlertSink}) that
 * prints each alert with its retention chain and ends the demo once the leak is explained.
 */
package io.leakwatch.demo;
