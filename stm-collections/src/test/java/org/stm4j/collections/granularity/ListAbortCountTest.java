package org.stm4j.collections.granularity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.StmStats;
import org.stm4j.TVar;
import org.stm4j.collections.TList;
import org.stm4j.testkit.Stress;

/**
 * SPEC "Conflict granularity" for {@link TList}, measured with the abort counters of {@link
 * org.stm4j.Stm#stats()} (cross-checked with re-runs counted in the blocks) while threads run many
 * transactions really in parallel:
 * <ul>
 *   <li>read-modify-writes of <b>different indices</b> of one list: zero aborts;</li>
 *   <li><b>{@code l[0]} readers</b> (each also writing a TVar of its own, so that its commit must
 *       validate) against one thread that appends and pops at the end: zero aborts;</li>
 *   <li><b>appends to different lists</b>: zero aborts.</li>
 * </ul>
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
final class ListAbortCountTest {

    private static final int SLOTS_PER_THREAD = 256;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4})
    void writesToDifferentIndicesNeverAbort(int threads) throws InterruptedException {
        int n = Stress.size() / threads;
        TList<Integer> l = TList.from(IntStream.range(0, threads * SLOTS_PER_THREAD).map(i -> 0).boxed().toList());
        AtomicLong reRuns = new AtomicLong();
        StmStats delta = Together.run(threads, index -> {
            int[] runs = new int[1];
            for (int i = 0; i < n; i++) {
                int at = (i % SLOTS_PER_THREAD) * threads + index; // interleaved: neighbours belong to others
                runs[0] = 0;
                atomic(() -> {
                    runs[0]++;
                    l.setItem(at, l.getItem(at) + 1);
                });
                reRuns.addAndGet(runs[0] - 1);
            }
        });
        report("different indices", threads, delta, reRuns.get());
        assertEquals(0, delta.conflictAborts(), "writes to different indices conflicted: " + delta);
        long total = atomic(() -> {
            long t = 0;
            for (int v : l) {
                t += v;
            }
            return t;
        });
        assertEquals((long) n * threads, total, "increments");
    }

    @ParameterizedTest(name = "{0} readers")
    @ValueSource(ints = {1, 3})
    void firstElementReadersNeverAbortOnAppend(int readers) throws InterruptedException {
        int n = Stress.size() / (readers + 1);
        TList<Integer> l = TList.from(IntStream.range(0, 64).boxed().toList());
        AtomicLong reRuns = new AtomicLong();
        StmStats delta = Together.run(readers + 1, index -> {
            int[] runs = new int[1];
            if (index == 0) {
                for (int i = 0; i < n; i++) {
                    boolean grow = i % 2 == 0; // length alternates between 64 and 65
                    runs[0] = 0;
                    atomic(() -> {
                        runs[0]++;
                        if (grow) {
                            l.append(-1);
                        } else {
                            l.pop();
                        }
                    });
                    reRuns.addAndGet(runs[0] - 1);
                }
                return;
            }
            TVar<Integer> mine = new TVar<>(0);
            for (int i = 0; i < n; i++) {
                runs[0] = 0;
                atomic(() -> {
                    runs[0]++;
                    mine.set(l.getItem(0) + mine.get());
                });
                reRuns.addAndGet(runs[0] - 1);
            }
        });
        report("l[0] readers vs append/pop", readers + 1, delta, reRuns.get());
        assertEquals(0, delta.conflictAborts(), "l[0] readers conflicted with append/pop at the end: " + delta);
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4})
    void appendsToDifferentListsNeverAbort(int threads) throws InterruptedException {
        int n = Math.min(Stress.size(), 1_000_000) / threads;
        List<TList<Integer>> lists = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            lists.add(new TList<>());
        }
        AtomicLong reRuns = new AtomicLong();
        StmStats delta = Together.run(threads, index -> {
            int[] runs = new int[1];
            TList<Integer> mine = lists.get(index);
            for (int i = 0; i < n; i++) {
                int x = i;
                runs[0] = 0;
                atomic(() -> {
                    runs[0]++;
                    mine.append(x);
                });
                reRuns.addAndGet(runs[0] - 1);
            }
        });
        report("appends to different lists", threads, delta, reRuns.get());
        assertEquals(0, delta.conflictAborts(), "appends to different lists conflicted: " + delta);
        for (TList<Integer> l : lists) {
            assertEquals(n, l.len());
        }
    }

    private static void report(String what, int threads, StmStats delta, long reRuns) {
        System.out.printf("granularity, %s, %d threads: %d commits, %d conflict aborts (%d re-runs counted), %s%n",
                what, threads, delta.commits(), delta.conflictAborts(), reRuns, delta.abortsByCause());
    }
}
