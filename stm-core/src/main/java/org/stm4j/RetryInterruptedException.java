package org.stm4j;

/**
 * The thread was interrupted while an atomic block waited in {@link Stm#retry()} (or backed off
 * between attempts). The transaction was rolled back; the thread's interrupt status is set again
 * so that code further up still sees it.
 */
public class RetryInterruptedException extends StmException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public RetryInterruptedException(String message) {
        super(message);
    }
}
