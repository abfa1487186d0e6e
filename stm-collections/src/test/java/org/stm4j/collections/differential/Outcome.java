package org.stm4j.collections.differential;

import java.util.Objects;

/**
 * What one operation answered: a value (already normalized to the corpus' JSON shapes), or a
 * Python error, named by its simple class name ({@code IndexError}, {@code KeyError},
 * {@code ValueError}) with its message. Any other exception is named by its full class name, so
 * it can never equal an expectation.
 */
record Outcome(Object value, String error, String message) {

    static Outcome ok(Object value) {
        return new Outcome(value, null, null);
    }

    static Outcome error(String error, String message) {
        return new Outcome(null, error, message);
    }

    static Outcome thrown(RuntimeException e) {
        Class<?> type = e.getClass();
        boolean python = type.getPackageName().equals("org.stm4j.collections")
                && type.getSimpleName().endsWith("Error");
        return error(python ? type.getSimpleName() : type.getName(), e.getMessage());
    }

    boolean isError() {
        return error != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outcome other && Objects.equals(value, other.value)
                && Objects.equals(error, other.error) && Objects.equals(message, other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, error, message);
    }

    @Override
    public String toString() {
        return isError() ? error + "(\"" + message + "\")" : "ok " + Corpus.show(value);
    }
}
