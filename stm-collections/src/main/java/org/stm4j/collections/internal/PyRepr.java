package org.stm4j.collections.internal;

/**
 * Python's {@code repr()} of a Java value, for the messages of {@code KeyError} and
 * {@code ValueError} ({@code KeyError: 'a'}, {@code ValueError: None is not in list}):
 * {@code null} is {@code None}, booleans are {@code True}/{@code False}, strings and characters
 * are quoted as CPython quotes them, everything else is {@code String.valueOf}.
 */
public final class PyRepr {
    private PyRepr() {
    }

    /** The Python-style representation of {@code value}. */
    public static String of(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean) {
            return ((Boolean) value) ? "True" : "False";
        }
        if (value instanceof CharSequence || value instanceof Character) {
            return quote(value.toString());
        }
        return String.valueOf(value);
    }

    /** CPython's choice: single quotes, unless the text has a single quote and no double quote. */
    private static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder(s.length() + 2).append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c == q) {
                        b.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append(q).toString();
    }
}
