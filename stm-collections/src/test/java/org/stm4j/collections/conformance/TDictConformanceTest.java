package org.stm4j.collections.conformance;

import com.google.common.collect.testing.MapTestSuiteBuilder;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import java.util.Map;
import junit.framework.Test;
import junit.framework.TestSuite;
import org.stm4j.collections.TDict;

/**
 * {@link TDict} is a {@link Map}: guava-testlib's {@code MapTestSuiteBuilder} suites (run by the
 * JUnit Vintage engine through {@link #suite()}), which derive suites for {@code keySet()},
 * {@code values()} and {@code entrySet()} (the same views as {@code keys()}, {@code values()},
 * {@code items()}), once as is and once with every test inside one enclosing {@code Stm.atomic}
 * ({@link OwnedSuite}).
 *
 * <p>Declared: a general-purpose map (put, remove, iterator remove, {@code Entry.setValue}
 * writing through), null keys, values and queries, and a known order: insertion order, a
 * re-assigned key keeping its place (guava-testlib's default expected order, as for
 * {@code LinkedHashMap}). Not declared: fail-fast iterators and serialization.
 */
public final class TDictConformanceTest {

    private static final Class<?> OWNER = TDictConformanceTest.class;

    private TDictConformanceTest() {
    }

    /**
     * The JUnit 3 entry point the Vintage engine runs.
     *
     * @return all TDict suites
     */
    public static Test suite() {
        TestSuite suite = new TestSuite("TDict java.util.Map conformance");
        suite.addTest(OwnedSuite.of(OWNER, dicts("TDict")));
        suite.addTest(OwnedSuite.insideAtomic(OWNER, dicts("TDict inside atomic")));
        return suite;
    }

    private static TestSuite dicts(String name) {
        return MapTestSuiteBuilder.using(new TestStringMapGenerator() {
            @Override
            protected Map<String, String> create(Map.Entry<String, String>[] entries) {
                TDict<String, String> dict = new TDict<>();
                for (Map.Entry<String, String> e : entries) {
                    dict.put(e.getKey(), e.getValue());
                }
                return dict;
            }
        }).named(name)
                .withFeatures(
                        MapFeature.GENERAL_PURPOSE,
                        MapFeature.ALLOWS_NULL_KEYS,
                        MapFeature.ALLOWS_NULL_VALUES,
                        MapFeature.ALLOWS_ANY_NULL_QUERIES,
                        CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
                        CollectionFeature.KNOWN_ORDER,
                        CollectionSize.ANY)
                .createTestSuite();
    }
}
