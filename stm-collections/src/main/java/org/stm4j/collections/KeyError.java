package org.stm4j.collections;

import java.util.NoSuchElementException;

/**
 * Python's {@code KeyError}: a key absent from a mapping (or {@code popitem(): dictionary is empty}).
 */
public class KeyError extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with Python's message (for a missing key, the key's {@code repr}).
     *
     * @param message the message Python would print (the key's repr)
     */
    public KeyError(String message) {
        super(message);
    }
}
