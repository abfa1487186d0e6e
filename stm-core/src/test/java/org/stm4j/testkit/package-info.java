/**
 * The shared test kit: the stress harness ({@link org.stm4j.testkit.Stress}: sizes from
 * {@code stm4j.stress.transactions}, workers started together, failures and stuck workers reported)
 * and the helpers the stress tests of several modules use.
 *
 * <p>It lives once, in stm-core's test sources; stm-core's test-jar (classifier {@code tests},
 * which holds only this package) carries it to other modules, which depend on it with
 * {@code <type>test-jar</type><scope>test</scope>}. Tests run on the class path
 * ({@code useModulePath=false} in the parent pom), so the kit needs no module descriptor.
 * Public API only: nothing here reaches into {@code org.stm4j.internal}.
 */
package org.stm4j.testkit;
