package org.stm4j.internal.report;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.stm4j.AbortCause;
import org.stm4j.StmListener;

/**
 * The registered {@link StmListener}s: a copy-on-write array read without a lock, so an event costs a
 * loop over it. Every call is guarded: whatever a listener throws is caught, counted and (the first
 * time per listener) logged, so that a listener can never break a transaction. The engine calls these
 * only at points where the attempt holds no commit lock.
 */
public final class Listeners {
    private static final Entry[] NONE = new Entry[0];
    private static volatile Entry[] all = NONE;
    private static final AtomicLong FAILURES = new AtomicLong();
    private static final Set<StmListener> LOGGED = Collections.synchronizedSet(
            Collections.newSetFromMap(new IdentityHashMap<>()));

    private Listeners() {
    }

    private static final class Entry {
        final StmListener listener;
        final long thresholdNanos;
        final boolean wantsLong;

        Entry(StmListener listener) {
            this.listener = listener;
            Duration t = listener.longTransactionThreshold();
            this.thresholdNanos = t == null || t.isNegative() ? 0 : saturatedNanos(t);
            this.wantsLong = overrides(listener.getClass());
        }

        private static long saturatedNanos(Duration d) {
            try {
                return d.toNanos();
            } catch (ArithmeticException tooLong) {
                return Long.MAX_VALUE;
            }
        }

        private static boolean overrides(Class<?> c) {
            try {
                return c.getMethod("onLongTransaction", long.class, int.class).getDeclaringClass() != StmListener.class;
            } catch (NoSuchMethodException impossible) {
                return true;
            }
        }
    }

    /** Registers {@code l} (a second registration of the same listener is ignored). */
    public static synchronized void add(StmListener l) {
        Objects.requireNonNull(l, "listener");
        for (Entry e : all) {
            if (e.listener == l) {
                return;
            }
        }
        Entry[] next = Arrays.copyOf(all, all.length + 1);
        next[next.length - 1] = new Entry(l);
        publish(next);
    }

    /** Unregisters {@code l}; returns whether it was registered. */
    public static synchronized boolean remove(StmListener l) {
        Objects.requireNonNull(l, "listener");
        Entry[] cur = all;
        for (int i = 0; i < cur.length; i++) {
            if (cur[i].listener == l) {
                Entry[] next = new Entry[cur.length - 1];
                System.arraycopy(cur, 0, next, 0, i);
                System.arraycopy(cur, i + 1, next, i, cur.length - i - 1);
                publish(next);
                return true;
            }
        }
        return false;
    }

    private static void publish(Entry[] next) {
        all = next;
        int flags = next.length == 0 ? 0 : Observers.LISTENERS;
        for (Entry e : next) {
            if (e.wantsLong) {
                flags |= Observers.LONG_LISTENERS;
            }
        }
        Observers.listeners(flags);
    }

    /** Failures of listeners so far. */
    public static long failures() {
        return FAILURES.get();
    }

    public static void commit(int attempts, boolean readOnly) {
        for (Entry e : all) {
            try {
                e.listener.onCommit(attempts, readOnly);
            } catch (Throwable t) {
                failed(e.listener, t);
            }
        }
    }

    public static void abort(AbortCause cause, int attempt) {
        for (Entry e : all) {
            try {
                e.listener.onAbort(cause, attempt);
            } catch (Throwable t) {
                failed(e.listener, t);
            }
        }
    }

    public static void retryWait(long nanos) {
        for (Entry e : all) {
            try {
                e.listener.onRetryWait(nanos);
            } catch (Throwable t) {
                failed(e.listener, t);
            }
        }
    }

    public static void irrevocable() {
        for (Entry e : all) {
            try {
                e.listener.onIrrevocable();
            } catch (Throwable t) {
                failed(e.listener, t);
            }
        }
    }

    public static void longTransaction(long nanos, int attempts) {
        for (Entry e : all) {
            if (e.wantsLong && nanos >= e.thresholdNanos) {
                try {
                    e.listener.onLongTransaction(nanos, attempts);
                } catch (Throwable t) {
                    failed(e.listener, t);
                }
            }
        }
    }

    private static void failed(StmListener l, Throwable t) {
        FAILURES.incrementAndGet();
        try {
            if (LOGGED.add(l)) {
                System.getLogger("org.stm4j").log(System.Logger.Level.WARNING,
                        "stm4j listener " + l.getClass().getName() + " threw; caught (further failures are only counted)", t);
            }
        } catch (Throwable ignored) {
            // a failing logger (or no stack left) must not break the transaction either
        }
    }
}
