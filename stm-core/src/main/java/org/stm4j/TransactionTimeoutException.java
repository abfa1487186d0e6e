package org.stm4j;

/**
 * An atomic block ran past its configured {@link TxnConfig.Builder#timeout(java.time.Duration) timeout}
 * (while retrying after conflicts or waiting in {@link Stm#retry()}). Nothing it wrote became visible.
 */
public class TransactionTimeoutException extends StmException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public TransactionTimeoutException(String message) {
        super(message);
    }
}
