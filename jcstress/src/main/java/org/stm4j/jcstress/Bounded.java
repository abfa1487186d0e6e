package org.stm4j.jcstress;

import java.time.Duration;
import org.stm4j.AbortCause;
import org.stm4j.TxnConfig;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * Block configurations that turn "would wait forever" into an outcome: a test of a liveness
 * property (a waiter is woken, a lock is released) must not hang jcstress when the property is
 * broken. Such a block gives up with {@code TransactionTimeoutException} or
 * {@code TooManyAttemptsException}, which the test records as a FORBIDDEN outcome.
 *
 * <p>The manager never escalates to irrevocable: an irrevocable attempt waits on a held lock without
 * a deadline (it cannot abort), which is right for the engine and wrong for a test that must end.
 */
final class Bounded {

    /** Keeps every attempt optimistic; gives up waiting on a lock after a short spin. */
    private static final ContentionManager NEVER_ESCALATE = new ContentionManager() {
        @Override
        public String name() {
            return "jcstress-never-escalate";
        }

        @Override
        public AttemptMode onAbort(TxnView tx, AbortCause cause) {
            Thread.yield();
            return AttemptMode.OPTIMISTIC;
        }
    };

    private Bounded() {
    }

    /** A block that gives up after {@code timeout}, never becoming irrevocable. */
    static TxnConfig within(Duration timeout) {
        return TxnConfig.builder()
                .contentionManager(NEVER_ESCALATE)
                .maxAttempts(Integer.MAX_VALUE)
                .onAttemptsExhausted(TxnConfig.OnAttemptsExhausted.THROW)
                .timeout(timeout)
                .build();
    }
}
