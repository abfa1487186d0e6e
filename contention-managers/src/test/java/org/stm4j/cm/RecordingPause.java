package org.stm4j.cm;

import java.util.ArrayList;
import java.util.List;
import org.agrona.concurrent.IdleStrategy;

/**
 * A {@link Pause} that records what it was asked to wait and returns at once (then runs an action).
 * A round of a polling wait ({@link #idler()}) is recorded as {@link #IDLE_ROUND}.
 */
final class RecordingPause implements Pause {
    /** What one {@code idle()} of the {@link #idler()} records. */
    static final long IDLE_ROUND = -1;

    final List<Long> pauses = new ArrayList<>();
    Runnable afterEach = () -> { };

    @Override
    public void pause(long nanos) {
        pauses.add(nanos);
        afterEach.run();
    }

    @Override
    public IdleStrategy idler() {
        return new IdleStrategy() {
            @Override
            public void idle(int workCount) {
                if (workCount <= 0) {
                    idle();
                }
            }

            @Override
            public void idle() {
                pause(IDLE_ROUND);
            }

            @Override
            public void reset() {
            }
        };
    }

    void clear() {
        pauses.clear();
    }
}
