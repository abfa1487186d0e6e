package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Atomic blocks: both overloads, null values, non-transactional access, flat nesting. */
@Timeout(30)
class AtomicBlockTest {

    @Test
    void runnableOverloadCompilesWithBlockLambda() {
        TVar<Integer> x = new TVar<>(0);
        atomic(() -> {
            x.set(1);
        });
        assertEquals(1, x.get());
        atomic(() -> x.set(2)); // an expression lambda of a void method also picks the Runnable overload
        assertEquals(2, x.get());
    }

    @Test
    void supplierOverloadCompilesWithoutCastAndReturnsTheValue() {
        TVar<Integer> x = new TVar<>(41);
        int n = atomic(() -> x.get());
        assertEquals(41, n);
        String s = atomic(() -> "v" + x.get());
        assertEquals("v41", s);
        Integer incremented = atomic(() -> {
            x.set(x.get() + 1);
            return x.get();
        });
        assertEquals(42, incremented);
        assertEquals(42, x.get());
    }

    @Test
    void supplierMayReturnNull() {
        TVar<String> x = new TVar<>(null);
        String s = atomic(() -> x.get());
        assertNull(s);
    }

    @Test
    void configuredOverloadsRunTheBlock() {
        TxnConfig cfg = TxnConfig.builder().build();
        TVar<Integer> x = new TVar<>(0);
        atomic(cfg, () -> {
            x.set(5);
        });
        int n = atomic(cfg, () -> x.get() * 2);
        assertEquals(10, n);
        cfg.atomic(() -> x.set(6));
        assertEquals(6, (int) cfg.atomic(() -> x.get()));
    }

    @Test
    void nullIsALegalValue() {
        TVar<String> x = new TVar<>(null);
        assertNull(x.get());
        x.set("a");
        assertEquals("a", x.get());
        x.set(null);
        assertNull(x.get());

        atomic(() -> x.set("b"));
        atomic(() -> {
            assertEquals("b", x.get());
            x.set(null);
            assertNull(x.get(), "a pending null write must be read back as null, not as 'not written'");
        });
        assertNull(x.get());
        atomic(() -> {
            if (x.get() == null) {
                x.set("was null");
            }
        });
        assertEquals("was null", x.get());
    }

    @Test
    void getAndSetOutsideTransaction() {
        TVar<Integer> x = new TVar<>(7);
        assertFalse(Stm.inTransaction());
        assertEquals(7, x.get());
        x.set(8);
        assertEquals(8, x.get());
        assertEquals(8, x.getAndSet(9));
        assertEquals(9, x.get());
    }

    @Test
    void nonTransactionalSetIsVisibleToOtherThreads() {
        TVar<Integer> x = new TVar<>(0);
        x.set(3);
        FutureTask<Integer> f = TestSupport.startThread("reader", x::get);
        assertEquals(3, TestSupport.await(f, 10_000));
        FutureTask<Integer> g = TestSupport.startThread("atomic-reader", () -> atomic(() -> x.get()));
        assertEquals(3, TestSupport.await(g, 10_000));
    }

    @Test
    void writesAreInvisibleToOtherThreadsUntilCommit() {
        TVar<Integer> x = new TVar<>(0);
        List<Integer> seenByOther = new ArrayList<>();
        atomic(() -> {
            x.set(1);
            FutureTask<Integer> f = TestSupport.startThread("peek", x::get);
            seenByOther.add(TestSupport.await(f, 10_000));
        });
        assertEquals(List.of(0), seenByOther);
        assertEquals(1, x.get());
    }

    @Test
    void readYourOwnWrites() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        atomic(() -> {
            x.set(1);
            assertEquals(1, x.get());
            x.set(x.get() + 1);
            y.set(x.get() * 10);
            assertEquals(20, y.get());
        });
        assertEquals(2, x.get());
        assertEquals(20, y.get());
    }

    @Test
    void manyTVarsInOneTransaction() {
        // more than the write log's linear-scan size, so its hash index is used
        List<TVar<Integer>> vars = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            vars.add(new TVar<>(i));
        }
        atomic(() -> {
            for (TVar<Integer> v : vars) {
                v.set(v.get() + 1000);
            }
            for (int i = 0; i < vars.size(); i++) {
                assertEquals(i + 1000, vars.get(i).get());
            }
        });
        for (int i = 0; i < vars.size(); i++) {
            assertEquals(i + 1000, vars.get(i).get());
        }
    }

    @Test
    void nestedAtomicSeesOuterWritesAndJoinsTheTransaction() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        List<Integer> seenByOther = new ArrayList<>();
        atomic(() -> {
            x.set(1);
            int inner = atomic(() -> {
                assertTrue(Stm.inTransaction());
                y.set(x.get() + 1);
                return x.get();
            });
            assertEquals(1, inner);
            assertEquals(2, y.get(), "the outer block sees the nested block's write");
            // the nested block did not commit on its own: another thread still sees the old value
            FutureTask<Integer> f = TestSupport.startThread("peek", y::get);
            seenByOther.add(TestSupport.await(f, 10_000));
        });
        assertEquals(List.of(0), seenByOther);
        assertEquals(1, x.get());
        assertEquals(2, y.get());
    }

    @Test
    void nestedAtomicWithConfigIsHonouredOrRefusedNeverIgnored() {
        TxnConfig readOnly = TxnConfig.builder().readOnly(true).build();
        TVar<Integer> x = new TVar<>(0);
        // readOnly is honoured in the nested block: its write throws (and the whole block with it)
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> atomic(() -> atomic(readOnly, () -> x.set(1))));
        assertTrue(e.getMessage().contains("readOnly"), e.getMessage());
        assertEquals(0, x.get());
        // ...and only there: the enclosing block writes after it
        atomic(() -> {
            int seen = atomic(readOnly, () -> x.get());
            x.set(seen + 2);
        });
        assertEquals(2, x.get());
        // irrevocable is honoured: the transaction becomes irrevocable where the nested block starts
        TxnConfig irrevocable = TxnConfig.builder().irrevocable(true).build();
        assertTrue(atomic(() -> atomic(irrevocable, () -> Stm.isIrrevocable())));
        // what describes the whole transaction cannot change: refused before the nested block runs
        TxnConfig timeout = TxnConfig.builder().timeout(java.time.Duration.ofMillis(5)).build();
        TxnConfig attempts = TxnConfig.builder().maxAttempts(3).build();
        for (TxnConfig refused : java.util.List.of(timeout, attempts)) {
            IllegalStateException r = assertThrows(IllegalStateException.class, () -> atomic(() -> {
                x.set(100);
                atomic(refused, () -> x.set(200));
            }));
            assertTrue(r.getMessage().contains("nested"), r.getMessage());
            assertEquals(2, x.get());
        }
        // the running block's own configuration, nested again, is fine
        atomic(attempts, () -> atomic(attempts, () -> x.set(3)));
        assertEquals(3, x.get());
    }

    @Test
    void nestedBlockThatThrowsHasItsWritesUndoneWhileOuterContinues() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        TVar<Integer> z = new TVar<>(0);
        IllegalStateException boom = new IllegalStateException("boom");
        atomic(() -> {
            x.set(1);
            try {
                atomic(() -> {
                    x.set(2); // overwrites a write of the outer block
                    y.set(2); // a TVar the outer block has not written
                    assertEquals(2, x.get());
                    throw boom;
                });
            } catch (IllegalStateException e) {
                assertSame(boom, e);
            }
            assertEquals(1, x.get(), "the outer block's own write is restored");
            assertEquals(0, y.get(), "the nested block's write is undone");
            z.set(3);
        });
        assertEquals(1, x.get());
        assertEquals(0, y.get());
        assertEquals(3, z.get());
    }

    @Test
    void deeplyNestedPartialRollback() {
        TVar<Integer> x = new TVar<>(0);
        atomic(() -> {
            x.set(1);
            atomic(() -> {
                x.set(2);
                try {
                    atomic(() -> {
                        x.set(3);
                        atomic(() -> x.set(4)); // succeeds, joins the block that will throw
                        throw new IllegalArgumentException();
                    });
                } catch (IllegalArgumentException expected) {
                    assertEquals(2, x.get());
                }
                x.set(x.get() + 10);
            });
            assertEquals(12, x.get());
        });
        assertEquals(12, x.get());
    }

    @Test
    void nestedBlockThatThrowsUncaughtAbortsEverything() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        RuntimeException boom = new RuntimeException("boom");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> atomic(() -> {
            x.set(1);
            atomic(() -> {
                y.set(1);
                throw boom;
            });
        }));
        assertSame(boom, thrown);
        assertEquals(0, x.get());
        assertEquals(0, y.get());
        assertFalse(Stm.inTransaction());
    }

    @Test
    void nullBlockIsRejected() {
        assertThrows(NullPointerException.class, () -> atomic((Runnable) null));
        assertThrows(NullPointerException.class, () -> atomic((Supplier<Object>) null));
        TxnConfig cfg = TxnConfig.builder().build();
        assertThrows(NullPointerException.class, () -> atomic(cfg, (Runnable) null));
        assertThrows(NullPointerException.class, () -> atomic(cfg, (Supplier<Object>) null));
        assertThrows(NullPointerException.class, () -> atomic((TxnConfig) null, () -> {
        }));
        assertFalse(Stm.inTransaction());
        // a null nested block inside a transaction: NPE, and the STM stays usable
        TVar<Integer> x = new TVar<>(0);
        assertThrows(NullPointerException.class, () -> atomic(() -> {
            x.set(1);
            atomic((Runnable) null);
        }));
        assertEquals(0, x.get());
        atomic(() -> x.set(2));
        assertEquals(2, x.get());
    }

    @Test
    void inTransaction() {
        assertFalse(Stm.inTransaction());
        AtomicInteger checks = new AtomicInteger();
        atomic(() -> {
            assertTrue(Stm.inTransaction());
            atomic(() -> assertTrue(Stm.inTransaction()));
            assertTrue(Stm.inTransaction());
            checks.incrementAndGet();
        });
        assertEquals(1, checks.get());
        assertFalse(Stm.inTransaction());
        boolean inside = atomic(() -> Stm.inTransaction());
        assertTrue(inside);
        assertFalse(Stm.inTransaction());
        // after a block that threw
        assertThrows(IllegalStateException.class, () -> atomic(() -> {
            throw new IllegalStateException();
        }));
        assertFalse(Stm.inTransaction());
    }

    @Test
    void readOnlyBlockCommits() {
        TVar<Integer> a = new TVar<>(1);
        TVar<Integer> b = new TVar<>(2);
        int sum = atomic(() -> a.get() + b.get());
        assertEquals(3, sum);
    }

    @Test
    void toStringAndNameDoNotNeedATransaction() {
        TVar<Integer> named = new TVar<>(0, "acct");
        assertEquals("acct", named.name());
        assertTrue(named.toString().contains("acct"));
        TVar<Integer> anon = new TVar<>(0);
        assertNull(anon.name());
        assertTrue(anon.toString().startsWith("TVar"));
        // issue 13: toString shows the committed value, not a running transaction's pending write
        assertEquals("TVar[acct]=0", named.toString());
        atomic(() -> {
            named.set(42);
            assertEquals("TVar[acct]=0", named.toString());
        });
        assertEquals("TVar[acct]=42", named.toString());
        assertTrue(anon.toString().endsWith("=0"), anon.toString());
        assertThrows(NullPointerException.class, () -> new TVar<>(0, null));
    }
}
