/**
 * Contention-management policies for stm4j, each selectable by short name through
 * {@code org.stm4j.spi.ContentionManagers}. The policies arrive with their own issue; today the
 * module holds the demo run by the README's main-job command.
 */
package org.stm4j.cm;
