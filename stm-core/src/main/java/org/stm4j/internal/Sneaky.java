package org.stm4j.internal;

/** Rethrows any throwable unchanged, checked ones included, without wrapping. */
final class Sneaky {
    private Sneaky() {
    }

    static void rethrow(Throwable t) {
        Sneaky.<RuntimeException>doThrow(t);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void doThrow(Throwable t) throws T {
        throw (T) t;
    }
}
