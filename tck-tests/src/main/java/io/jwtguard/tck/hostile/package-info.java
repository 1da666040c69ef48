/**
 * The hostile-token suite: a catalogue of attack tokens per class and legitimate tokens per
 * algorithm ({@link io.jwtguard.tck.hostile.HostileCases}), and a runner that sends them to any
 * MicroProfile JWT runtime over HTTP and prints a table ({@link io.jwtguard.tck.hostile.HostileSuiteRunner}).
 */
package io.jwtguard.tck.hostile;
