package rightsize.monitor;

import java.util.List;
import rightsize.telemetry.Measure;

/**
 * One metric to read from Azure Monitor for a deployment.
 *
 * @param metric Azure Monitor's REST name
 * @param measure what it measures
 * @param resourceId the resource it is read from
 * @param filter the $filter, e.g. {@code instanceId eq '*'} (split by instance) or {@code
 *     ModelDeploymentName eq 'gpt-4o-mini'}; "" for none
 * @param aggregations Azure's aggregation names, e.g. Average, Maximum
 */
public record MetricQuery(String metric, Measure measure, String resourceId, String filter, List<String> aggregations) {
  public MetricQuery {
    aggregations = List.copyOf(aggregations);
  }
}
