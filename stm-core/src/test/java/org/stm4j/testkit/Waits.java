package org.stm4j.testkit;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Small helpers of tests that stage threads: a latch wait that fails instead of hanging, the caller's line. */
public final class Waits {
    private Waits() {
    }

    /** Waits for {@code latch} at most 30 s; an {@link AssertionError} if it does not open or the wait is interrupted. */
    public static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for a latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The line number of the caller's call of this method (to name a call site a test expects to see). */
    public static int here() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber();
    }
}
