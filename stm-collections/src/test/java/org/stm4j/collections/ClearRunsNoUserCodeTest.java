package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code TDict.clear()} and {@code TSet.clear()} run no user code (issue 13, D7): like Python's
 * {@code dict.clear()} and {@code HashMap.clear()}, they call no key's {@code equals} or
 * {@code hashCode}, so an {@code equals} that clears the collection cannot recurse, and a key whose
 * {@code hashCode} starts throwing cannot make {@code clear()} fail.
 */
class ClearRunsNoUserCodeTest {

    /** Keys that all collide, count their {@code equals} calls and can be told to misbehave. */
    private static final class Key {
        static final AtomicInteger EQUALS = new AtomicInteger();
        final int id;
        volatile Runnable onEquals;
        volatile boolean hashThrows;

        Key(int id) {
            this.id = id;
        }

        @Override
        public int hashCode() {
            if (hashThrows) {
                throw new IllegalStateException("hashCode of key " + id);
            }
            return 42;
        }

        @Override
        public boolean equals(Object o) {
            EQUALS.incrementAndGet();
            Runnable r = onEquals;
            if (r != null) {
                r.run();
            }
            return o instanceof Key && ((Key) o).id == id;
        }
    }

    private static Key[] keys(int n) {
        Key[] ks = new Key[n];
        for (int i = 0; i < n; i++) {
            ks[i] = new Key(i);
        }
        return ks;
    }

    @Test
    void dictClearCallsNoEquals() {
        TDict<Key, Integer> d = new TDict<>();
        Key[] ks = keys(10);
        for (Key k : ks) {
            d.put(k, k.id);
        }
        Key.EQUALS.set(0);
        d.clear();
        assertEquals(0, Key.EQUALS.get(), "equals calls made by clear()");
        assertEquals(0, d.len());
        for (Key k : ks) {
            assertFalse(d.containsKey(k));
        }
    }

    @Test
    void dictClearCallsNoEqualsForItsOwnPendingInsertsEither() {
        TDict<Key, Integer> d = new TDict<>();
        Key[] ks = keys(10);
        int[] seen = new int[1];
        atomic(() -> {
            for (Key k : ks) {
                d.put(k, k.id);
            }
            Key.EQUALS.set(0);
            d.clear();
            seen[0] = Key.EQUALS.get();
        });
        assertEquals(0, seen[0]);
        assertEquals(0, d.len());
    }

    @Test
    void anEqualsThatClearsTheDictDoesNotRecurse() {
        TDict<Key, Integer> d = new TDict<>();
        Key[] ks = keys(10);
        for (Key k : ks) {
            d.put(k, k.id);
        }
        for (Key k : ks) {
            k.onEquals = d::clear;
        }
        d.clear();
        assertEquals(0, d.len());
    }

    @Test
    void clearSucceedsWhenAKeysHashCodeThrows() {
        TDict<Key, Integer> d = new TDict<>();
        TSet<Key> s = new TSet<>();
        Key[] ks = keys(5);
        for (Key k : ks) {
            d.put(k, k.id);
            s.add(k);
        }
        ks[2].hashThrows = true;
        d.clear();
        s.clear();
        assertEquals(0, d.len());
        assertEquals(0, s.len());
        assertTrue(d.isEmpty());
    }

    @Test
    void setClearCallsNoEqualsAndAnEqualsThatClearsDoesNotRecurse() {
        TSet<Key> s = new TSet<>();
        Key[] ks = keys(10);
        for (Key k : ks) {
            s.add(k);
        }
        Key.EQUALS.set(0);
        for (Key k : ks) {
            k.onEquals = s::clear;
        }
        s.clear();
        assertEquals(0, Key.EQUALS.get());
        assertEquals(0, s.len());
    }

    @Test
    void updateDoesNotRecurseWhenTheKeysEqualsTouchesTheOtherDict() {
        TDict<Key, Integer> other = new TDict<>();
        Key[] ks = keys(10);
        for (Key k : ks) {
            other.put(k, k.id);
        }
        for (Key k : ks) {
            k.onEquals = other::clear;
        }
        TDict<Key, Integer> d = new TDict<>();
        d.put(new Key(99), 99);
        d.update(other);
        assertEquals(11, d.len());
        assertEquals(0, other.len());
        assertEquals(Map.of(), other);
    }
}
