package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.stm4j.TVar;
import org.stm4j.access.Structures;
import org.stm4j.Stm;

/** Issue 15 §2: structure names, their defaults and bad names, and the conflict report's descriptions. */
class StructureNamesTest {

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    private static Object call(Object o, String name, Class<?>[] types, Object... args) throws ReflectiveOperationException {
        Method m = o.getClass().getDeclaredMethod(name, types);
        m.setAccessible(true);
        return m.invoke(o, args);
    }

    @Test
    void describersNameThePartOfTheirStructure() throws Exception {
        boolean was = Stm.isConflictReporting();
        Stm.setConflictReporting(true);
        try {
            TDict<Integer, String> accounts = new TDict<>("accounts");
            accounts.put(17, "x");
            Object core = field(accounts, "core");
            Object index = field(core, "index");
            TVar<?> key17 = (TVar<?>) call(index, "find", new Class<?>[] {Object.class}, 17);
            assertEquals("TDict accounts, key 17", Structures.describe(key17));
            Object[] stripes = (Object[]) field(field(core, "size"), "stripes");
            assertEquals("TDict accounts, size", Structures.describe((TVar<?>) stripes[stripes.length - 1]));

            TList<String> inbox = new TList<>("inbox");
            inbox.extend(List.of("a", "b", "c", "d"));
            Object slots = field(inbox, "slots");
            TVar<?> slot3 = (TVar<?>) call(slots, "slot", new Class<?>[] {int.class}, 3);
            assertEquals("TList inbox, index 3", Structures.describe(slot3));
            assertEquals("TList inbox, size", Structures.describe((TVar<?>) field(slots, "size")));

            TSet<String> tags = new TSet<>("tags");
            tags.add("x");
            Object setCore = field(field(tags, "dict"), "core");
            TVar<?> x = (TVar<?>) call(field(setCore, "index"), "find", new Class<?>[] {Object.class}, "x");
            assertEquals("TSet tags, element x", Structures.describe(x));

            TQueue<String> jobs = new TQueue<>(8, "jobs");
            TVar<?>[] queueSlots = (TVar<?>[]) field(jobs, "slots");
            assertEquals("TQueue jobs, slot 5", Structures.describe(queueSlots[5]));
            assertEquals("TQueue jobs, head", Structures.describe((TVar<?>) field(jobs, "head")));
            assertEquals("TQueue jobs, tail", Structures.describe((TVar<?>) field(jobs, "tail")));

            assertNull(Structures.describe(new TVar<>(1)), "a TVar of no structure");
        } finally {
            Stm.setConflictReporting(was);
        }
    }

    @Test
    void unnamedStructuresGetAStableReadableDefault() {
        TDict<String, String> a = new TDict<>();
        TDict<String, String> b = new TDict<>();
        assertTrue(a.name().matches("TDict#\\d+"), a.name());
        long na = Long.parseLong(a.name().substring(6));
        long nb = Long.parseLong(b.name().substring(6));
        assertTrue(nb > na, a.name() + " then " + b.name());
        assertEquals(a.name(), a.name());
        assertTrue(new TList<>().name().matches("TList#\\d+"));
        assertTrue(new TSet<>().name().matches("TSet#\\d+"));
        assertTrue(new TQueue<>(1).name().matches("TQueue#\\d+"));
        assertEquals("accounts", new TDict<>("accounts").name());
        assertEquals("inbox", TList.from("inbox", List.of(1, 2)).name());
        assertEquals(List.of(1, 2), TList.from("inbox", List.of(1, 2)));
        assertEquals("m", TDict.from("m", java.util.Map.of(1, 2)).name());
    }

    @Test
    void badNamesAreRejected() {
        for (Executable e : List.<Executable>of(() -> new TDict<>((String) null), () -> new TList<>((String) null),
                () -> new TSet<>((String) null), () -> new TQueue<>(1, null),
                () -> TList.from(null, List.of(1)), () -> TDict.from(null, java.util.Map.of()))) {
            NullPointerException npe = assertThrows(NullPointerException.class, e);
            assertEquals("name", npe.getMessage());
        }
        for (String bad : List.of("", "   ", "\t")) {
            assertThrows(IllegalArgumentException.class, () -> new TDict<>(bad));
            assertThrows(IllegalArgumentException.class, () -> new TList<>(bad));
            assertThrows(IllegalArgumentException.class, () -> new TSet<>(bad));
            assertThrows(IllegalArgumentException.class, () -> new TQueue<>(1, bad));
        }
        // the source structure is unchanged by a rejected copy
        TList<Integer> src = TList.of(1, 2, 3);
        assertThrows(IllegalArgumentException.class, () -> TList.from(" ", src));
        assertEquals(List.of(1, 2, 3), src);
    }
}
