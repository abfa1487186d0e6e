package org.stm4j.collections.differential;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.stm4j.Stm;

/**
 * Replays one corpus case on a fresh {@link Subject} and checks every operation's outcome and
 * the state after it against what CPython recorded.
 *
 * <p>Three modes, same expectations (see {@link Mode}): each operation its own transaction, the
 * whole case inside one {@code Stm.atomic} block, and the same with the collection itself created
 * inside that block. Inside a block an operation that throws is caught there, so this also checks
 * that a failing operation undoes its own writes and leaves the enclosing transaction usable;
 * after the commit the state is read again, outside, to check that the whole case took effect.
 */
final class Replay {
    /** How a case is run. */
    enum Mode {
        /** Every operation called outside any transaction: each is its own transaction. */
        EACH_OP_ITS_OWN_TRANSACTION("each op its own transaction"),
        /** The collection created outside, all operations inside one {@code Stm.atomic}. */
        WHOLE_CASE_IN_ONE_ATOMIC("whole case in one atomic"),
        /** The collection created, and all operations run, inside one {@code Stm.atomic}. */
        CREATED_IN_THE_SAME_ATOMIC("created and used in one atomic");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /** What the subject built, and its observations, inside one run. */
    private record Run(Subject subject, List<Object> initial, List<Observation> seen) {
    }

    /** What the subject answered to one operation, and its whole state after it. */
    record Observation(Outcome outcome, List<Object> state) {
    }

    private Replay() {
    }

    static void check(CorpusCase c, Function<List<Object>, Subject> factory, Mode mode) {
        Run run = switch (mode) {
            case EACH_OP_ITS_OWN_TRANSACTION -> run(factory.apply(c.init()), c);
            case WHOLE_CASE_IN_ONE_ATOMIC -> {
                Subject subject = factory.apply(c.init());
                yield Stm.atomic(() -> run(subject, c));
            }
            case CREATED_IN_THE_SAME_ATOMIC -> Stm.atomic(() -> run(factory.apply(c.init()), c));
        };
        verify(c, mode, run.initial(), run.seen());
        List<Object> last = run.seen().get(run.seen().size() - 1).state();
        List<Object> after = run.subject().state();
        if (!after.equals(last)) {
            fail(header(c, mode) + "state read again afterwards, outside:\n  " + Corpus.show(after)
                    + "\ndiffers from the state after the last operation:\n  " + Corpus.show(last));
        }
    }

    private static Run run(Subject subject, CorpusCase c) {
        List<Object> initial = subject.state();
        return new Run(subject, initial, observe(subject, c.ops()));
    }

    private static List<Observation> observe(Subject subject, List<CorpusOp> ops) {
        List<Observation> seen = new ArrayList<>(ops.size());
        for (CorpusOp op : ops) {
            Outcome outcome;
            try {
                outcome = Outcome.ok(subject.apply(op.op(), op.args()));
            } catch (RuntimeException e) { // never Errors: the STM's control signals must pass
                outcome = Outcome.thrown(e);
            }
            seen.add(new Observation(outcome, subject.state()));
        }
        return seen;
    }

    private static void verify(CorpusCase c, Mode mode, List<Object> initial, List<Observation> seen) {
        List<Object> before = initial;
        if (!initial.equals(normalizedInit(c))) {
            fail(header(c, mode) + "initial state " + Corpus.show(initial) + " expected "
                    + Corpus.show(normalizedInit(c)));
        }
        for (int i = 0; i < c.ops().size(); i++) {
            CorpusOp op = c.ops().get(i);
            Observation o = seen.get(i);
            String problem = op.arbitraryPop() ? checkArbitraryPop(op, before, o) : checkExact(op, o);
            if (problem != null) {
                fail(header(c, mode) + "op #" + i + " " + op + "\n  state before: " + Corpus.show(before)
                        + "\n" + problem + history(c, seen, i));
            }
            before = o.state();
        }
    }

    /** The state the initial contents should give: a set dedups, a dict keeps a repeated key's first place. */
    private static List<Object> normalizedInit(CorpusCase c) {
        switch (c.type()) {
            case "set":
                return Subject.sorted(new HashSet<>(c.init()));
            case "dict":
                Map<Object, Object> m = new LinkedHashMap<>();
                for (Object pair : c.init()) {
                    List<Object> kv = Corpus.asList(pair);
                    m.put(kv.get(0), kv.get(1));
                }
                return Subject.pairs(m.entrySet());
            default:
                return c.init();
        }
    }

    private static String checkExact(CorpusOp op, Observation o) {
        boolean resultOk = op.expected().equals(o.outcome());
        boolean stateOk = op.state().equals(o.state());
        if (resultOk && stateOk) {
            return null;
        }
        return "  expected: " + op.expected() + (stateOk ? "" : ", state " + Corpus.show(op.state()))
                + "\n  actual:   " + o.outcome() + (stateOk ? "" : ", state " + Corpus.show(o.state()))
                + (stateOk ? "\n  (state as expected: " + Corpus.show(o.state()) + ")" : "");
    }

    private static String checkArbitraryPop(CorpusOp op, List<Object> before, Observation o) {
        Outcome out = o.outcome();
        if (out.isError() || !op.anyOf().contains(out.value())) {
            return "  expected: ok, any of " + Corpus.show(op.anyOf()) + "\n  actual:   " + out;
        }
        List<Object> expectedState = new ArrayList<>(before);
        expectedState.remove(out.value());
        if (!expectedState.equals(o.state())) {
            return "  popped " + Corpus.show(out.value()) + ", expected state " + Corpus.show(expectedState)
                    + "\n  actual state " + Corpus.show(o.state());
        }
        return null;
    }

    private static String header(CorpusCase c, Mode mode) {
        return c + " [" + mode.label + "]"
                + "\n  init: " + Corpus.show(c.init()) + "\n";
    }

    private static String history(CorpusCase c, List<Observation> seen, int failed) {
        StringBuilder sb = new StringBuilder("\n  ops before it:");
        if (failed == 0) {
            sb.append(" none");
        }
        for (int i = 0; i < failed; i++) {
            sb.append("\n    #").append(i).append(' ').append(c.ops().get(i)).append(" -> ")
                    .append(seen.get(i).outcome()).append(", ").append(Corpus.show(seen.get(i).state()));
        }
        return sb.toString();
    }
}
