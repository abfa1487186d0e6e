package org.stm4j;

/** The base of the unchecked exceptions stm4j itself throws out of an atomic block. */
public class StmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message the detail message
     */
    public StmException(String message) {
        super(message);
    }
}
