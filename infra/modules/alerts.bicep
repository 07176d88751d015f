// The alert rules of the observability design as Azure Monitor log alerts on Application Insights:
// error rate over 5% for 5 minutes (the seed's APIHighErrorRate), p95 latency, 429 rate, job queue age and
// the worker being unreachable. The same rules exist for Prometheus; keep thresholds in step.

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

@description('The custom metric (milliseconds a job waited in the queue) the queue-age rule reads.')
param jobQueueAgeMetricName string

@description('Oldest job wait, in seconds, above which the queue-age rule fires.')
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
    operator: 'GreaterThan'
    threshold: throttledPercentThreshold
  }
  {
    name: 'job-queue-age'
    displayName: 'Async jobs waiting too long'
    description: 'A job waited more than ${jobQueueAgeThresholdSeconds} s in the jobs queue before a worker took it.'
    severity: 2
    frequency: 'PT5M'
    query: 'customMetrics | where name == "${jobQueueAgeMetricName}" | summarize oldest_seconds = max(valueMax) / 1000.0'
    aggregation: 'Maximum'
    measure: 'oldest_seconds'
    operator: 'GreaterThan'
    threshold: jobQueueAgeThresholdSeconds
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
