/**
 * Contention-management policies for stm4j, each selectable by short name (in code, in a
 * {@code TxnConfig}, or with {@code -Dstm4j.contentionManager=NAME}) through
 * {@code org.stm4j.spi.ContentionManagers}. The full set of policies from the literature arrives
 * with its own issue; today: {@code backoff}.
 */
package org.stm4j.cm;
