package org.stm4j.cm.experiment;

/**
 * The sizes, conflict rates and transaction lengths of the workloads. Smaller data means more
 * conflicts; larger percentages of writes, scans or I/O mean more of the expensive operation.
 *
 * @param listItems    items circulating between the two lists of {@code list-transfer}
 * @param accounts     accounts of {@code bank} and of the background transfers of {@code irrevocable-io}
 * @param dictKeys     keys of {@code read-mostly}
 * @param readPercent  share of read-only operations in {@code read-mostly}
 * @param scanKeys     keys of {@code long-scan}: the length of one scan
 * @param scanPercent  share of full scans among the operations of {@code long-scan}
 * @param auditPercent share of audits (read every account, check the total) in {@code bank}
 * @param ioPercent    share of irrevocable log writes in {@code irrevocable-io}
 * @param txnLength    elementary updates (transfers, increments) per transaction in every workload
 */
record WorkloadParams(int listItems, int accounts, int dictKeys, int readPercent, int scanKeys,
        int scanPercent, int auditPercent, int ioPercent, int txnLength) {

    /** The default parameters. */
    static final WorkloadParams DEFAULTS = new WorkloadParams(64, 1024, 1024, 90, 8192, 2, 1, 20, 1);

    /**
     * Validates every parameter.
     *
     * @throws IllegalArgumentException if a size or length is below its minimum or a percentage is outside 0..100
     */
    WorkloadParams {
        atLeast("list-items", listItems, 1);
        atLeast("accounts", accounts, 2);
        atLeast("dict-keys", dictKeys, 1);
        percentage("read-percent", readPercent);
        atLeast("scan-keys", scanKeys, 2);
        percentage("scan-percent", scanPercent);
        percentage("audit-percent", auditPercent);
        percentage("io-percent", ioPercent);
        atLeast("txn-length", txnLength, 1);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
    }

    private static void percentage(String name, int value) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException(name + " must be a percentage 0..100, was " + value);
        }
    }
}
