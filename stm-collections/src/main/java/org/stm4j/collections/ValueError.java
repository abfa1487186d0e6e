package org.stm4j.collections;

/**
 * Python's {@code ValueError}: an argument of the right type but a wrong value (for example
 * {@code slice step cannot be zero}, or {@code x not in list} from {@code index}).
 */
public class ValueError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error with Python's message.
     *
     * @param message the message Python would print
     */
    public ValueError(String message) {
        super(message);
    }
}
