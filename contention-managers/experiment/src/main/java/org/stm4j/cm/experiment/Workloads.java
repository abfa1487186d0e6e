package org.stm4j.cm.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The workloads by short name, in the order the experiment runs and reports them. */
final class Workloads {
    private static final Map<String, Function<WorkloadParams, Workload>> FACTORIES = factories();

    private Workloads() {
    }

    private static Map<String, Function<WorkloadParams, Workload>> factories() {
        Map<String, Function<WorkloadParams, Workload>> m = new LinkedHashMap<>();
        m.put(ListTransferWorkload.NAME, ListTransferWorkload::new);
        m.put(TransfersWithReaderWorkload.BANK, TransfersWithReaderWorkload::bank);
        m.put(HotCounterWorkload.NAME, HotCounterWorkload::new);
        m.put(ReadMostlyWorkload.NAME, ReadMostlyWorkload::new);
        m.put(TransfersWithReaderWorkload.LONG_SCAN, TransfersWithReaderWorkload::longScan);
        m.put(IrrevocableIoWorkload.NAME, IrrevocableIoWorkload::new);
        return m;
    }

    /** Every workload name, in run order. */
    static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /**
     * A fresh instance of the named workload, its data set up.
     *
     * @throws IllegalArgumentException if no workload has that name
     */
    static Workload create(String name, WorkloadParams params) {
        Function<WorkloadParams, Workload> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown workload '" + name + "'; known: " + String.join(", ", names()));
        }
        return factory.apply(params);
    }
}
