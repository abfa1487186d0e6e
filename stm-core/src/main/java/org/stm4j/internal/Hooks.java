package org.stm4j.internal;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * The {@code afterCommit} and {@code afterAbort} hooks of one thread's running attempt.
 *
 * <p><b>Which hooks run.</b> Each hook belongs to the scope that registered it: the attempt, or a
 * nested block or {@code orElse} branch within it. When a nested scope is rolled back (it threw, or
 * the branch retried), its afterCommit hooks are dropped and its afterAbort hooks are
 * <em>fired</em>: they will run when the attempt ends, whether it then commits or aborts
 * ({@link #rollBack(long)}). When the attempt aborts, every afterAbort hook runs, fired or not;
 * when it commits, the fired afterAbort hooks run and then every afterCommit hook. So each hook
 * runs at most once per attempt, and an afterAbort hook runs exactly when the code that registered
 * it has been undone.
 *
 * <p><b>Order.</b> Hooks of one kind run in registration order; at a commit the fired afterAbort
 * hooks run before the afterCommit hooks (their rollback happened first). All of them run even if
 * one throws; the first exception then propagates with the later ones suppressed.
 *
 * <p>Lists are created on first use, so a block without hooks pays two null checks. Hooks are
 * handed out as arrays ({@link #takeAfterCommit()}, {@link #takeAfterAbort()}) and the lists cleared
 * first, because a hook may start a transaction of its own on the same thread, which reuses these
 * lists.
 */
final class Hooks {
    private ArrayList<Runnable> afterCommit;
    /** afterAbort hooks in registration order; a fired one is wrapped in {@link Fired}. */
    private ArrayList<Runnable> afterAbort;
    /** How many entries of {@link #afterAbort} are {@link Fired}. */
    private int fired;

    /** An afterAbort hook whose nested scope was rolled back: it runs at the attempt's end, commit or abort. */
    private static final class Fired implements Runnable {
        final Runnable hook;

        Fired(Runnable hook) {
            this.hook = hook;
        }

        @Override
        public void run() {
            hook.run();
        }
    }

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

    /** How many hooks of each kind are registered now; for {@link #rollBack(long)}. */
    long mark() {
        return ((long) size(afterCommit) << 32) | size(afterAbort);
    }

    /**
     * A nested scope that began at {@code mark} is rolled back: drops the afterCommit hooks it
     * registered and fires its afterAbort hooks.
     */
    void rollBack(long mark) {
        ArrayList<Runnable> commits = afterCommit;
        if (commits != null) {
            int keep = (int) (mark >>> 32);
            while (commits.size() > keep) {
                commits.remove(commits.size() - 1);
            }
        }
        ArrayList<Runnable> aborts = afterAbort;
        if (aborts != null) {
            for (int i = (int) mark, n = aborts.size(); i < n; i++) {
                Runnable h = aborts.get(i);
                if (!(h instanceof Fired)) {
                    aborts.set(i, new Fired(h));
                    fired++;
                }
            }
        }
    }

    /**
     * The hooks to run after a commit (null if none): the fired afterAbort hooks, then the
     * afterCommit hooks; both lists are cleared.
     */
    Runnable[] takeAfterCommit() {
        Runnable[] firedHooks = null;
        if (fired != 0) {
            firedHooks = new Runnable[fired];
            int k = 0;
            for (Runnable h : afterAbort) {
                if (h instanceof Fired) {
                    firedHooks[k++] = ((Fired) h).hook;
                }
            }
        }
        clear(afterAbort);
        fired = 0;
        Runnable[] commits = take(afterCommit);
        if (firedHooks == null) {
            return commits;
        }
        if (commits == null) {
            return firedHooks;
        }
        Runnable[] all = Arrays.copyOf(firedHooks, firedHooks.length + commits.length);
        System.arraycopy(commits, 0, all, firedHooks.length, commits.length);
        return all;
    }

    /** The afterAbort hooks to run (null if none), fired or not, in registration order; both lists are cleared. */
    Runnable[] takeAfterAbort() {
        clear(afterCommit);
        Runnable[] hooks = take(afterAbort);
        if (hooks != null && fired != 0) {
            for (int i = 0; i < hooks.length; i++) {
                if (hooks[i] instanceof Fired) {
                    hooks[i] = ((Fired) hooks[i]).hook;
                }
            }
        }
        fired = 0;
        return hooks;
    }

    void clearAll() {
        clear(afterCommit);
        clear(afterAbort);
        fired = 0;
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
}
