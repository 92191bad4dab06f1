/**
 * Shared test data for every gpuledger module, shipped as the ingest <b>test-jar</b>:
 *
 * <pre>{@code
 * <dependency>
 *   <groupId>io.gpuledger</groupId>
 *   <artifactId>ingest</artifactId>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 *
 * <ul>
 *   <li>{@link io.gpuledger.ingest.testdata.Rows}: a fluent builder that transcribes the rules tables into rows, with a
 *       stored view ({@code GpuStateRecord}s, for SQLite files) and a topic view ({@code HostSnapshot}s, for Kafka and
 *       {@code TopologyTestDriver});</li>
 *   <li>{@link io.gpuledger.ingest.testdata.GpuStateFiles}: writes rows into {@code gpu_state_YYYY-MM.db} files, with
 *       or without the optional {@code PreventJobsReason} column;</li>
 *   <li>{@link io.gpuledger.ingest.testdata.SpecExamples}: every worked example of rules §7 as a
 *       {@link io.gpuledger.ingest.testdata.SpecExample} (rows + {@link io.gpuledger.ingest.testdata.ExampleQuery}),
 *       so report, HTTP and metrics tests check the numbers the rules state against the same rows;</li>
 *   <li>{@link io.gpuledger.ingest.testdata.SlotRows}: single rows for unit tests of the rules.</li>
 * </ul>
 *
 * <p>Nothing here depends on JUnit or AssertJ, so any test framework can use it.
 */
package io.gpuledger.ingest.testdata;
