// The alert rules of the observability design as Azure Monitor log alerts on Application Insights:
// error rate over 5% for 5 minutes (the seed's APIHighErrorRate), p95 latency, 429 rate, job queue age, poisoned
// jobs and the worker being unreachable. The same rules exist for Prometheus (observability/prometheus/alerts.yml);
// keep thresholds in step.

@description('Azure region of the rules.')
param location string

@description('Tags for every resource.')
param tags object

@description('Prefix of every rule name.')
param namePrefix string

@description('The Application Insights component the rules query.')
param applicationInsightsId string

@description('Who is emailed when a rule fires; empty creates no action group.')
param alertEmail string

@description('p95 request duration, in milliseconds, above which the latency rule fires (streams are excluded).')
@minValue(100)
param latencyP95ThresholdMs int

@description('Share of requests answered 429, in percent, above which the throttling rule fires.')
@minValue(1)
@maxValue(100)
param throttledPercentThreshold int

@description('The queues of work for the GPU worker, one per priority class (Serverless.Jobs.JobQueueNames.WorkByClass).')
param jobWorkQueueNames array

@description('The queue of finished work back to the API (Serverless.Jobs.JobQueueNames.Results).')
param resultsQueueName string

@description('The queue of work delivered too often (Serverless.Jobs.JobQueueNames.JobsPoison).')
param jobsPoisonQueueName string

@description('Age, in seconds, of the oldest message in a work queue or the results queue above which the queue-age rule fires.')
@minValue(1)
param jobQueueAgeThresholdSeconds int

@description('Requests answered 503 (worker unreachable or not ready) in 5 minutes at which the worker-down rule fires.')
@minValue(1)
param workerUnavailableThreshold int

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmail)) {
  name: '${namePrefix}-oncall'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'llm-oncall'
    enabled: true
    emailReceivers: [
      {
        name: 'oncall'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroups = empty(alertEmail) ? [] : [actionGroup.id]

// Rates need a minimum of traffic, or one failed request out of two reads as 50%.
var minimumRequests = 10

// Gauges the API exports through OpenTelemetry (Serverless.Api.Jobs.JobQueueMonitor), each with the dimension
// `queue`. The Azure Monitor exporter writes them to customMetrics, the dimension to customDimensions; a test
// holds these names to the code.
var queueAgeMetric = 'api_job_queue_oldest_age_seconds'
var queueLengthMetric = 'api_job_queue_length'

var rules = [
  {
    name: 'api-error-rate'
    displayName: 'API error rate above 5%'
    description: 'More than 5% of API requests failed with a 5xx status over the last 5 minutes.'
    severity: 1
    frequency: 'PT1M'
    query: 'requests | summarize total = count(), failed = countif(toint(resultCode) >= 500) | where total >= ${minimumRequests} | extend error_rate_percent = 100.0 * failed / total'
    aggregation: 'Average'
    measure: 'error_rate_percent'
    dimensions: []
    operator: 'GreaterThan'
    threshold: 5
  }
  {
    name: 'api-latency-p95'
    displayName: 'API p95 latency high'
    description: 'The 95th percentile of API request duration (streams excluded) is above ${latencyP95ThresholdMs} ms.'
    severity: 2
    frequency: 'PT5M'
    query: 'requests | where name !startswith "Streaming" | summarize p95_ms = percentile(duration, 95)'
    aggregation: 'Maximum'
    measure: 'p95_ms'
    dimensions: []
    operator: 'GreaterThan'
    threshold: latencyP95ThresholdMs
  }
  {
    name: 'api-throttled-rate'
    displayName: 'API 429 rate high'
    description: 'More than ${throttledPercentThreshold}% of API requests were refused with 429 over the last 5 minutes.'
    severity: 2
    frequency: 'PT5M'
    query: 'requests | summarize total = count(), throttled = countif(resultCode == "429") | where total >= ${minimumRequests} | extend throttled_percent = 100.0 * throttled / total'
    aggregation: 'Average'
    measure: 'throttled_percent'
    dimensions: []
    operator: 'GreaterThan'
    threshold: throttledPercentThreshold
  }
  {
    name: 'job-queue-age'
    displayName: 'Async job queue backed up'
    description: 'The oldest message in a work queue (${join(jobWorkQueueNames, ', ')}: no worker takes work of that class) or the ${resultsQueueName} queue (no API host turns results into job events) has waited more than ${jobQueueAgeThresholdSeconds} s. One alert per queue.'
    severity: 2
    frequency: 'PT5M'
    query: 'customMetrics | where name == "${queueAgeMetric}" | extend queue = tostring(customDimensions.queue), oldest_seconds = valueMax'
    aggregation: 'Maximum'
    measure: 'oldest_seconds'
    // Split by queue; the poison queue is left out, its messages wait for an operator by design (next rule).
    dimensions: [
      {
        name: 'queue'
        operator: 'Include'
        values: concat(jobWorkQueueNames, [resultsQueueName])
      }
    ]
    operator: 'GreaterThan'
    threshold: jobQueueAgeThresholdSeconds
  }
  {
    name: 'jobs-poisoned'
    displayName: 'Async jobs poisoned'
    description: 'Work messages are in the ${jobsPoisonQueueName} queue: workers picked them up too often without finishing, and their jobs failed (job_poisoned). Look at them, then clear the queue.'
    severity: 2
    frequency: 'PT5M'
    query: 'customMetrics | where name == "${queueLengthMetric}" and tostring(customDimensions.queue) == "${jobsPoisonQueueName}" | extend poisoned = valueMax'
    aggregation: 'Maximum'
    measure: 'poisoned'
    dimensions: []
    operator: 'GreaterThan'
    threshold: 0
  }
  {
    name: 'worker-down'
    displayName: 'GPU worker unreachable'
    description: 'The API answered 503 (worker unreachable or not ready) ${workerUnavailableThreshold} times or more in 5 minutes.'
    severity: 1
    frequency: 'PT1M'
    query: 'requests | where resultCode == "503"'
    aggregation: 'Count'
    measure: ''
    dimensions: []
    operator: 'GreaterThanOrEqual'
    threshold: workerUnavailableThreshold
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: true
      scopes: [
        applicationInsightsId
      ]
      evaluationFrequency: rule.frequency
      windowSize: 'PT5M'
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: rule.aggregation
            metricMeasureColumn: empty(rule.measure) ? null : rule.measure
            dimensions: rule.dimensions
            operator: rule.operator
            threshold: rule.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: actionGroups
      }
    }
  }
]
