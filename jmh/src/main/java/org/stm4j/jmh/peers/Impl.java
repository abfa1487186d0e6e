package org.stm4j.jmh.peers;

import java.util.function.Supplier;

/**
 * The implementations every comparison benchmark runs, its {@code impl} parameter. Each one is a
 * factory of the four workload families' shared structures ({@link Implementation}); within one
 * JMH fork only one of them is ever loaded, so every call site stays monomorphic.
 *
 * <table>
 * <caption>What each implementation uses</caption>
 * <tr><th>impl</th><th>variable</th><th>list</th><th>dict</th></tr>
 * <tr><td>STM4J, STM4J_USER</td><td>{@code TVar}</td><td>{@code TList}</td><td>{@code TDict}</td></tr>
 * <tr><td>UNSYNCHRONIZED, GLOBAL_LOCK, OBJECT_LOCKS</td><td>a field</td><td>{@code ArrayList}</td>
 *     <td>{@code HashMap}</td></tr>
 * <tr><td>SCALA_STM</td><td>{@code Ref.View}</td><td>{@code Ref.View} of an immutable {@code Vector}</td>
 *     <td>{@code TMap.View} ({@code STM.newMap()})</td></tr>
 * <tr><td>MULTIVERSE</td><td>{@code TxnRef}</td><td>{@code TxnList} ({@code NaiveTxnLinkedList})</td>
 *     <td>{@code TxnMap} ({@code NaiveTxnHashMap})</td></tr>
 * <tr><td>CLOJURE</td><td>{@code Ref}</td><td>{@code Ref} of a {@code PersistentVector}</td>
 *     <td>{@code Ref} of a {@code PersistentHashMap}</td></tr>
 * </table>
 */
public enum Impl {
    /** stm4j: {@code Stm.atomic}, {@code TVar}, {@code TList}, {@code TDict}. */
    STM4J(Stm4jImplementation::new),
    /**
     * stm4j written as users write it: a capturing lambda per call in {@code Stm.atomic}, fresh
     * boxed values, every operation in {@code atomic} ({@link Stm4jUserImplementation}).
     */
    STM4J_USER(Stm4jUserImplementation::new),
    /** {@code java.util} with no synchronization: the single-thread limit; refused at more threads. */
    UNSYNCHRONIZED(() -> new LockImplementation(LockImplementation.Mode.NONE)),
    /** Everything under one {@code ReentrantLock}: CPython's GIL model. */
    GLOBAL_LOCK(() -> new LockImplementation(LockImplementation.Mode.GLOBAL)),
    /** A lock per collection (per variable), several taken in one global order: Jython's model. */
    OBJECT_LOCKS(() -> new LockImplementation(LockImplementation.Mode.PER_OBJECT)),
    /** ScalaSTM 0.11 through its Java API {@code scala.concurrent.stm.japi.STM}. */
    SCALA_STM(ScalaStmImplementation::new),
    /** Multiverse 0.7 (GammaStm) through {@code StmUtils}. */
    MULTIVERSE(MultiverseImplementation::new),
    /** Clojure 1.12 refs: {@code clojure.lang.Ref} and {@code LockingTransaction.runInTransaction}. */
    CLOJURE(ClojureImplementation::new);

    private final Supplier<Implementation> factory;

    Impl(Supplier<Implementation> factory) {
        this.factory = factory;
    }

    /** Whether this is stm4j (either variant): its commits and aborts come from {@code Stm.stats()}. */
    boolean isStm4j() {
        return this == STM4J || this == STM4J_USER;
    }

    /**
     * A new factory for a benchmark run with {@code threads} threads.
     *
     * @throws IllegalStateException for {@link #UNSYNCHRONIZED} at more than one thread
     */
    Implementation create(int threads) {
        if (this == UNSYNCHRONIZED && threads > 1) {
            throw new IllegalStateException("impl=UNSYNCHRONIZED is not thread-safe and is only measured"
                    + " with one thread (asked for " + threads + "); pass -p impl=... without it");
        }
        return factory.get();
    }
}
