package org.stm4j.internal;

import java.util.ArrayList;

/**
 * The {@code afterCommit} and {@code afterAbort} hooks of one thread's running attempt.
 *
 * <p>Lists are created on first use, so a block without hooks pays two null checks. A nested block
 * or an {@code orElse} branch that is rolled back drops the hooks it registered: {@link #mark()}
 * before it, {@link #truncate(long)} on rollback. Hooks are handed out as arrays
 * ({@link #takeAfterCommit()}, {@link #takeAfterAbort()}) and the lists cleared first, because a
 * hook may start a transaction of its own on the same thread, which reuses these lists.
 */
final class Hooks {
    private ArrayList<Runnable> afterCommit;
    private ArrayList<Runnable> afterAbort;

    void addAfterCommit(Runnable hook) {
        if (afterCommit == null) {
            afterCommit = new ArrayList<>();
        }
        afterCommit.add(hook);
    }

    void addAfterAbort(Runnable hook) {
        if (afterAbort == null) {
            afterAbort = new ArrayList<>();
        }
        afterAbort.add(hook);
    }

    /** How many hooks of each kind are registered now; for {@link #truncate(long)}. */
    long mark() {
        return ((long) size(afterCommit) << 32) | size(afterAbort);
    }

    /** Drops the hooks registered since {@code mark}. */
    void truncate(long mark) {
        truncate(afterCommit, (int) (mark >>> 32));
        truncate(afterAbort, (int) mark);
    }

    /** The afterCommit hooks to run (null if none); both lists are cleared. */
    Runnable[] takeAfterCommit() {
        clear(afterAbort);
        return take(afterCommit);
    }

    /** The afterAbort hooks to run (null if none); both lists are cleared. */
    Runnable[] takeAfterAbort() {
        clear(afterCommit);
        return take(afterAbort);
    }

    void clearAll() {
        clear(afterCommit);
        clear(afterAbort);
    }

    /** Runs every hook; the first exception propagates after the others ran, later ones suppressed. */
    static void run(Runnable[] hooks) {
        Throwable first = null;
        for (Runnable h : hooks) {
            try {
                h.run();
            } catch (Throwable t) {
                if (first == null) {
                    first = t;
                } else if (first != t) {
                    first.addSuppressed(t);
                }
            }
        }
        if (first != null) {
            Sneaky.rethrow(first);
        }
    }

    private static Runnable[] take(ArrayList<Runnable> list) {
        if (list == null || list.isEmpty()) {
            return null;
        }
        Runnable[] hooks = list.toArray(new Runnable[0]);
        list.clear();
        return hooks;
    }

    private static void clear(ArrayList<Runnable> list) {
        if (list != null && !list.isEmpty()) {
            list.clear();
        }
    }

    private static int size(ArrayList<Runnable> list) {
        return list == null ? 0 : list.size();
    }

    private static void truncate(ArrayList<Runnable> list, int size) {
        if (list != null) {
            while (list.size() > size) {
                list.remove(list.size() - 1);
            }
        }
    }
}
