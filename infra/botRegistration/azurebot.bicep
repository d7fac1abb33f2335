// The Azure Bot resource: registers the Web App's /api/messages with the Bot Framework and turns
// on the Microsoft Teams channel. Called from ../azure.bicep.

@description('Globally unique name of the Azure Bot resource.')
@minLength(2)
@maxLength(64)
param botServiceName string

@description('Name shown for the bot in the Azure portal.')
@maxLength(42)
param botDisplayName string

@description('F0 is free and unlimited for the Teams channel (a "premium channel" is not needed).')
@allowed([
  'F0'
  'S1'
])
param botServiceSku string = 'F0'

@description('BOT_ID: client id of the bot\'s Entra app.')
param botAadAppClientId string

@description('Tenant of the bot\'s Entra app: a single-tenant bot only takes tokens from there.')
param botTenantId string

@description('Host name of the Web App (no scheme).')
param botAppDomain string

param tags object = {}

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  // Azure Bot resources are global; the messages themselves go straight to the Web App.
  location: 'global'
  kind: 'azurebot'
  tags: tags
  sku: {
    name: botServiceSku
  }
  properties: {
    displayName: botDisplayName
    endpoint: 'https://${botAppDomain}/api/messages'
    msaAppId: botAadAppClientId
    // Microsoft has deprecated creating multi-tenant bots; the school's own tenant is
    // the only one the bot serves anyway. The server reads BOT_TYPE / BOT_TENANT_ID to match.
    msaAppType: 'SingleTenant'
    msaAppTenantId: botTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

output botServiceName string = botService.name
