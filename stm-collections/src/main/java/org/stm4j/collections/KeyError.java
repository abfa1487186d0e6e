package org.stm4j.collections;

import java.util.NoSuchElementException;

/**
 * Python's {@code KeyError}: a key absent from a mapping or set, or a {@code popitem}/{@code pop} of an
 * empty one. The message is what Python's {@code str(e)} prints: the {@code repr} of the error's
 * argument, whether that is the key ({@code 'a'}, {@code 3}, {@code None}) or a message
 * ({@code 'popitem(): dictionary is empty'}, {@code 'pop from an empty set'}).
 */
public class KeyError extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with Python's message (the repr of its argument).
     *
     * @param message the message Python would print (the repr of the key, or of a quoted message)
     */
    public KeyError(String message) {
        super(message);
    }
}
