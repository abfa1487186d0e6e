package org.stm4j;

/**
 * An atomic block configured with {@link TxnConfig.OnAttemptsExhausted#THROW} aborted
 * {@link TxnConfig#maxAttempts()} times. Nothing it wrote became visible.
 */
public class TooManyAttemptsException extends StmException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the detail message
     */
    public TooManyAttemptsException(String message) {
        super(message);
    }
}
