package org.stm4j.jmh;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.stm4j.Stm;
import org.stm4j.TVar;

/**
 * The facade the benchmarks measure: read a counter, increment it. One implementation per
 * competitor, created by a benchmark's {@code Impl} enum (the Caffeine {@code GetPutBenchmark}
 * shape), so within one fork every call site sees a single implementation class.
 *
 * <p>Every implementation is allocation-free per operation except where noted: the transactional
 * ones keep a boxed {@code Long} in the TVar, so incrementing past 127 allocates a {@code Long}
 * (24 bytes with compressed class pointers: 12-byte header, 8-byte value, padding) that is the
 * caller's, not the engine's. {@link PreboxedTransactional} runs the same
 * transactions with preallocated boxes, which isolates the engine's own allocation (and keeps the
 * GC, which moves objects around, out of the measurement).
 */
interface Counter {

    /** The current value. */
    long read();

    /** Adds one (atomically, except {@link Plain} and {@link DirectTVar}). */
    void increment();

    /** Unsynchronized field: the floor. */
    final class Plain implements Counter {
        private long value;

        @Override
        public long read() {
            return value;
        }

        @Override
        public void increment() {
            value++;
        }
    }

    /** A field guarded by a {@link ReentrantLock}; shared cells give a global lock. */
    final class Locked implements Counter {
        private final LockedCell cell;

        Locked(LockedCell cell) {
            this.cell = cell;
        }

        @Override
        public long read() {
            LockedCell c = cell;
            c.lock.lock();
            try {
                return c.value;
            } finally {
                c.lock.unlock();
            }
        }

        @Override
        public void increment() {
            LockedCell c = cell;
            c.lock.lock();
            try {
                c.value++;
            } finally {
                c.lock.unlock();
            }
        }
    }

    /** A lock and the field it guards. */
    final class LockedCell {
        final ReentrantLock lock = new ReentrantLock();
        long value;
    }

    /** {@link AtomicLong#get()} and {@link AtomicLong#incrementAndGet()}. */
    final class Atomic implements Counter {
        private final AtomicLong value = new AtomicLong();

        @Override
        public long read() {
            return value.get();
        }

        @Override
        public void increment() {
            value.incrementAndGet();
        }
    }

    /**
     * The non-transactional TVar accessors: each {@code get()} and {@code set()} is a single-TVar
     * transaction of its own. {@link #increment()} is a get then a set, two operations (not atomic
     * as a whole), and allocates the boxed result.
     */
    final class DirectTVar implements Counter {
        private final TVar<Long> tvar = new TVar<>(0L);

        @Override
        public long read() {
            return tvar.get();
        }

        @Override
        public void increment() {
            tvar.set(tvar.get() + 1);
        }
    }

    /**
     * {@code Stm.atomic(supplier)} for a read-only transaction of one TVar and
     * {@code Stm.atomic(runnable)} for a 1-read-1-write increment. Both blocks are created once
     * (no capture per call); the increment allocates the boxed result.
     */
    final class Transactional implements Counter {
        private final TVar<Long> tvar = new TVar<>(0L);
        private final Supplier<Long> reader = tvar::get;
        private final Runnable incrementer = () -> tvar.set(tvar.get() + 1);

        @Override
        public long read() {
            return Stm.atomic(reader);
        }

        @Override
        public void increment() {
            Stm.atomic(incrementer);
        }
    }

    /**
     * The transactions of {@link Transactional}, but the increment (modulo {@value #BOXES}) stores a
     * preallocated {@code Long}, so nothing is allocated outside the engine.
     */
    final class PreboxedTransactional implements Counter {
        static final int BOXES = 1024;
        private static final Long[] BOX = new Long[BOXES];

        static {
            for (int i = 0; i < BOXES; i++) {
                BOX[i] = Long.valueOf(i);
            }
        }

        private final TVar<Long> tvar = new TVar<>(BOX[0]);
        private final Supplier<Long> reader = tvar::get;
        private final Runnable incrementer = () -> tvar.set(BOX[(int) (tvar.get() + 1) & (BOXES - 1)]);

        @Override
        public long read() {
            return Stm.atomic(reader);
        }

        @Override
        public void increment() {
            Stm.atomic(incrementer);
        }
    }
}
