/**
 * The service-provider interface for contention managers: {@link org.stm4j.spi.ContentionManager}
 * (the policy), {@link org.stm4j.spi.TxnView} (what a policy may know of a transaction),
 * {@link org.stm4j.spi.ContentionManagerProvider} (how policies are found by short name) and
 * {@link org.stm4j.spi.ContentionManagers} (the lookup). A policy written outside stm4j plugs in
 * either directly ({@code TxnConfig.builder().contentionManager(myManager)}) or by name through a
 * provider registered with {@link java.util.ServiceLoader}.
 */
@NullMarked
package org.stm4j.spi;

import org.jspecify.annotations.NullMarked;
