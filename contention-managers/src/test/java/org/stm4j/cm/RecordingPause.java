package org.stm4j.cm;

import java.util.ArrayList;
import java.util.List;

/** A {@link Pause} that records what it was asked to wait and returns at once (then runs an action). */
final class RecordingPause implements Pause {
    final List<Long> pauses = new ArrayList<>();
    Runnable afterEach = () -> { };

    @Override
    public void pause(long nanos) {
        pauses.add(nanos);
        afterEach.run();
    }

    void clear() {
        pauses.clear();
    }
}
