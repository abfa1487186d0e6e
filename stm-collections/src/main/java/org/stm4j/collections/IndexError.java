package org.stm4j.collections;

/**
 * Python's {@code IndexError}: an index outside a sequence, with Python's message
 * (for example {@code list index out of range}, {@code pop from empty list}).
 */
public class IndexError extends IndexOutOfBoundsException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with Python's message.
     *
     * @param message the message Python would print
     */
    public IndexError(String message) {
        super(message);
    }
}
