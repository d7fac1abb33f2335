// Azure resources for the Staff Social Media Policy bot and tab, deployed by m365agents.yml
// (arm/deploy) with the values in azure.parameters.json, which the toolkit fills from env/.env.<name>.
//
//   user-assigned managed identity ── reads secrets from ──> Key Vault (bot + Entra app secrets)
//   App Service plan (Linux) ── Web App (Node 22 LTS): /api/messages, /tab/, /healthz
//   Azure Bot (single tenant) ── Teams channel ──> https://<web app>/api/messages
//   Application Insights + Log Analytics (optional)
//
// All durable state (records, outbox, conversation references) lives in SharePoint lists on the
// school's own site, reached through Microsoft Graph; nothing is kept on the instance's disk.

targetScope = 'resourceGroup'

@description('Short lowercase prefix of every resource name.')
@minLength(2)
@maxLength(8)
param appShortName string = 'smp'

@description('Makes names globally unique. Empty: derived from the resource group id. To choose it, add "resourceSuffix" to azure.parameters.json.')
@maxLength(12)
param resourceSuffix string = ''

param location string = resourceGroup().location

@description('App Service plan size. B1 is enough for a school; Always On needs Basic or above.')
@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
param webAppSku string = 'B1'

// Several instances are safe: every record is in SharePoint and updated with compare-and-set
// (ETag / If-Match), the outbox hands each message to one instance under a lease kept in the same
// lists, and background work (reminders, purges, roster refresh) takes a lease before it runs.
// No instance keeps anything in memory that another one needs, so no sticky sessions either.
@description('Number of Web App instances (B1 allows up to 3). More than one keeps the bot answering while an instance restarts.')
@minValue(1)
@maxValue(10)
param webAppCapacity int = 1

@description('Display name of the Azure Bot.')
@maxLength(42)
param botDisplayName string

@description('BOT_ID: client id of the bot\'s Entra app (botAadApp/create).')
param botAadAppClientId string

@description('SECRET_BOT_PASSWORD: the bot app\'s client secret. Stored in Key Vault, never as a plain app setting.')
@secure()
param botAadAppClientSecret string

@description('Tenant of the bot app and of the school\'s Microsoft 365 (may differ from the Azure subscription\'s tenant).')
param botTenantId string

@description('AAD_APP_CLIENT_ID: the Entra app for tab SSO and the service\'s Graph calls (aad.manifest.json).')
param aadAppClientId string

@description('SECRET_AAD_APP_CLIENT_SECRET: its client secret (Graph client credentials). Stored in Key Vault.')
@secure()
param aadAppClientSecret string

param aadAppTenantId string

@description('EXPORT_LINK_SECRET: signs the dashboard\'s five-minute download links; one value for every instance. Generated afresh at each provision (links in flight then stop working), stored in Key Vault.')
@secure()
param exportLinkSecret string = '${newGuid()}${newGuid()}'

param aadAppOauthAuthorityHost string = 'https://login.microsoftonline.com'

@description('Graph id of the SharePoint site holding the lists (the app has Sites.Selected on this site only).')
param sharePointSiteId string

param graphBaseUrl string = 'https://graph.microsoft.com/v1.0'

@description('Object id of the "all staff" Entra group: its transitive members are the roster.')
param entraStaffGroupId string

@description('role=groupObjectId pairs, comma-separated (e.g. headteacher=<id>,governor=<id>).')
param entraRoleGroups string = ''

@description('Minutes between re-reads of the Entra roster (ROSTER_REFRESH_MINUTES).')
param rosterRefreshMinutes string = '60'

@description('TEAMS_APP_ID: the app\'s manifest id (teamsApp/create). The service finds the app in the tenant catalog by it, once published, and links to its tab.')
param teamsAppId string

@description('Application Insights for logs, failures and availability; off saves a few pounds a month.')
param enableApplicationInsights bool = true

@minValue(30)
@maxValue(730)
param logRetentionInDays int = 30

var suffix = toLower(empty(resourceSuffix) ? take(uniqueString(resourceGroup().id), 6) : resourceSuffix)
var baseName = '${appShortName}-${suffix}'
var webAppName = baseName
// Key Vault names: 3-24 characters, letters, digits and hyphens.
var keyVaultName = take('${appShortName}-${suffix}-kv', 24)
var botServiceName = '${baseName}-bot'
var tags = {
  application: 'staff-social-media-policy'
}

// Built-in role "Key Vault Secrets User": read secret values, nothing else.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
// Storage Table Data Contributor: the delivery machinery's tables (outbox, leases, conversations).
var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
// Storage Queue Data Contributor: for a queue-based outbox (granted now, so no redeploy of roles).
var storageQueueDataContributorRoleId = '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
var storageAccountName = take(toLower(replace('${appShortName}${suffix}st', '-', '')), 24)

// The Web App's identity. User-assigned (rather than system-assigned) so that the Key Vault role
// can be granted before the Web App exists and its first start already resolves the references.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${baseName}-id'
  location: location
  tags: tags
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2022-10-01' = if (enableApplicationInsights) {
  name: '${baseName}-log'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = if (enableApplicationInsights) {
  name: '${baseName}-appi'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

// Secrets are kept here and reach the app only as Key Vault references, so they never appear in
// the app settings, the ARM deployment history or a support export.
resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access by Azure RBAC role assignments, not by access policies.
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 30
    publicNetworkAccess: 'Enabled'
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'bot-password'
  properties: {
    value: botAadAppClientSecret
  }
}

resource aadAppClientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'aad-app-client-secret'
  properties: {
    value: aadAppClientSecret
  }
}

resource exportLinkSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: keyVault
  name: 'export-link-secret'
  properties: {
    value: exportLinkSecret
  }
}

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(keyVault.id, identity.id, keyVaultSecretsUserRoleId)
  scope: keyVault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

// The delivery machinery (outbox, leases, conversation references) lives in Azure Storage tables:
// high-churn records that would otherwise spend the tenant's SharePoint resource units. Reached
// only with the app's managed identity (no account keys).
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    supportsHttpsTrafficOnly: true
  }
}

resource storageTables 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource storageTableDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageTableDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource storageQueueDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, storageQueueDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageQueueDataContributorRoleId)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${baseName}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: webAppSku
    capacity: webAppCapacity
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Any instance can answer any request: no ARR affinity cookie.
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|22-lts'
      // node directly rather than `npm start`, so SIGTERM reaches the server's graceful shutdown.
      // The heap grows to twice what is live before a full collection, not V8's default of up
      // to four times: under a steady stream of questions the process stays near 270 MB, not 380 MB.
      appCommandLine: 'node --heap-growing-percent=100 ./lib/src/index.js'
      // Always On keeps the outbox worker and the reminder schedule running between requests.
      alwaysOn: true
      http20Enabled: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      // App Service takes an instance out of rotation when /healthz stops answering 200.
      healthCheckPath: '/healthz'
    }
  }
}

// App settings, as their own resource so they can use the Web App's real host name.
resource webAppSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: webApp
  name: 'appsettings'
  properties: {
    BOT_ID: botAadAppClientId
    BOT_PASSWORD: '@Microsoft.KeyVault(SecretUri=${botPasswordSecret.properties.secretUri})'
    BOT_TYPE: 'SingleTenant'
    BOT_TENANT_ID: botTenantId
    AAD_APP_CLIENT_ID: aadAppClientId
    AAD_APP_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${aadAppClientSecretSecret.properties.secretUri})'
    AAD_APP_TENANT_ID: aadAppTenantId
    AAD_APP_OAUTH_AUTHORITY_HOST: aadAppOauthAuthorityHost
    // The versioned URI: a new secret changes the setting, so every instance restarts onto it together.
    EXPORT_LINK_SECRET: '@Microsoft.KeyVault(SecretUri=${exportLinkSecretSecret.properties.secretUriWithVersion})'
    TAB_ENDPOINT: 'https://${webApp.properties.defaultHostName}'
    PUBLIC_URL: 'https://${webApp.properties.defaultHostName}'
    // Several instances share one store and one roster: SharePoint and Entra, never SQLite or a CSV.
    STORE: 'sharepoint'
    SHAREPOINT_SITE_ID: sharePointSiteId
    // The delivery machinery in Azure Storage tables, reached with the user-assigned identity.
    DELIVERY_STORE: 'azure'
    AZURE_STORAGE_TABLE_URL: storage.properties.primaryEndpoints.table
    AZURE_CLIENT_ID: identity.properties.clientId
    GRAPH_BASE_URL: graphBaseUrl
    ROSTER_SOURCE: 'entra'
    ENTRA_STAFF_GROUP_ID: entraStaffGroupId
    ENTRA_ROLE_GROUPS: entraRoleGroups
    ROSTER_REFRESH_MINUTES: empty(rosterRefreshMinutes) ? '60' : rosterRefreshMinutes
    TEAMS_APP_ID: teamsAppId
    // Scratch space only (wwwroot is read-only when running from the package).
    DATA_DIR: '/tmp/social-media-policy'
    LOG_LEVEL: 'info'
    APPLICATIONINSIGHTS_CONNECTION_STRING: enableApplicationInsights ? appInsights.properties.ConnectionString : ''
    // App Service's Node agent: requests, dependencies (Graph, Bot Connector) and exceptions.
    ApplicationInsightsAgent_EXTENSION_VERSION: enableApplicationInsights ? '~3' : 'disabled'
    // Run the deployed zip as it is: it was built and tested before upload, so no Oryx build.
    WEBSITE_RUN_FROM_PACKAGE: '1'
    SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  }
  dependsOn: [
    // Key Vault references resolve only once the identity may read the secrets.
    keyVaultSecretsUser
    storageTableDataContributor
  ]
}

// The server's structured logs (stdout) and App Service's own logs, kept in Log Analytics.
resource webAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (enableApplicationInsights) {
  name: 'logs-to-log-analytics'
  scope: webApp
  properties: {
    workspaceId: logAnalytics.id
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServiceHTTPLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

// The Azure Bot resource and its Teams channel.
module azureBot './botRegistration/azurebot.bicep' = {
  name: 'Azure-Bot-registration'
  params: {
    botServiceName: botServiceName
    botDisplayName: botDisplayName
    botAadAppClientId: botAadAppClientId
    botTenantId: botTenantId
    botAppDomain: webApp.properties.defaultHostName
    tags: tags
  }
}

// arm/deploy writes these outputs into env/.env.<name> under the same (upper-case) names.
output AZURE_APP_SERVICE_RESOURCE_ID string = webApp.id
output AZURE_KEY_VAULT_NAME string = keyVault.name
output BOT_DOMAIN string = webApp.properties.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
output TAB_DOMAIN string = webApp.properties.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.properties.defaultHostName}'
