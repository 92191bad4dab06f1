/**
 * Rendering of computed reports (rules §3.8, 4.12-4.13, 5.1, 6): report records in, strings out. Nothing here computes
 * a count; every number arrives unrounded from {@code io.gpuledger.streams.report} and is rounded only by
 * {@link io.gpuledger.streams.render.DisplayNumbers}.
 *
 * <ul>
 *   <li>{@link io.gpuledger.streams.render.TextRenderer}: allocation, monthly, time series, GPU model snapshot.</li>
 *   <li>{@link io.gpuledger.streams.render.HtmlRenderer}: allocation, monthly, time series and the monthly error
 *       page, for the report page ({@link io.gpuledger.streams.render.HtmlOptions#page}) and e-mail
 *       ({@link io.gpuledger.streams.render.HtmlOptions#email}), with inline SVG charts.</li>
 *   <li>{@link io.gpuledger.streams.render.CsvRenderer}: {@code device_stats} and time-series rows.</li>
 *   <li>{@link io.gpuledger.streams.render.EmailSubject}: the rules §6.1 subject line.</li>
 * </ul>
 */
package io.gpuledger.streams.render;
