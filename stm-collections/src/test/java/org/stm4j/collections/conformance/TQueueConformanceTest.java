package org.stm4j.collections.conformance;

import com.google.common.collect.testing.QueueTestSuiteBuilder;
import com.google.common.collect.testing.TestStringQueueGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import java.util.Queue;
import junit.framework.Test;
import junit.framework.TestSuite;
import org.stm4j.collections.TQueue;

/**
 * {@link TQueue} is a {@link Queue}: guava-testlib's {@code QueueTestSuiteBuilder} suite, once as is
 * and once with every test inside one enclosing {@code Stm.atomic} ({@link OwnedSuite}). Declared:
 * general purpose, FIFO (known order), iterator remove; no null elements (the
 * {@code BlockingQueue} contract).
 */
public final class TQueueConformanceTest {

    private static final Class<?> OWNER = TQueueConformanceTest.class;

    private TQueueConformanceTest() {
    }

    /**
     * The JUnit 3 entry point the Vintage engine runs.
     *
     * @return all TQueue suites
     */
    public static Test suite() {
        TestSuite suite = new TestSuite("TQueue java.util.Queue conformance");
        suite.addTest(OwnedSuite.of(OWNER, queues("TQueue")));
        suite.addTest(OwnedSuite.insideAtomic(OWNER, queues("TQueue inside atomic")));
        return suite;
    }

    private static TestSuite queues(String name) {
        return QueueTestSuiteBuilder.using(new TestStringQueueGenerator() {
            @Override
            protected Queue<String> create(String[] elements) {
                TQueue<String> q = new TQueue<>(elements.length + 16);
                for (String e : elements) {
                    q.add(e);
                }
                return q;
            }
        }).named(name)
                .withFeatures(CollectionSize.ANY, CollectionFeature.GENERAL_PURPOSE,
                        CollectionFeature.KNOWN_ORDER, CollectionFeature.SUPPORTS_ITERATOR_REMOVE)
                .createTestSuite();
    }
}
