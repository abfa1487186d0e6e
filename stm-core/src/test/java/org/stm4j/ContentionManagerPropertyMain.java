package org.stm4j;

/**
 * Run by {@link ConfigTest} in a forked JVM with {@code -Dstm4j.contentionManager=...}: runs one
 * atomic block with the default configuration and reports the manager used, or the error.
 */
public final class ContentionManagerPropertyMain {

    private ContentionManagerPropertyMain() {
    }

    public static void main(String[] args) {
        try {
            TVar<Integer> x = new TVar<>(0);
            Stm.atomic(() -> x.set(x.get() + 1));
            System.out.println("OK manager=" + Stm.defaultConfig().contentionManager().name() + " x=" + x.get());
        } catch (IllegalArgumentException e) {
            System.out.println("IllegalArgumentException: " + e.getMessage());
            System.exit(3);
        }
    }
}
