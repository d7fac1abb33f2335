import { TableClient } from "@azure/data-tables";
import { DefaultAzureCredential } from "@azure/identity";
import { TableStore } from "./tableStore";

/**
 * The delivery tables from configuration: in Azure, the account's table endpoint and the app's
 * managed identity (AZURE_CLIENT_ID names the user-assigned one; it holds Storage Table Data
 * Contributor); a connection string for Azurite and development.
 */
export function deliveryTableStore(settings: {
  readonly url?: string;
  readonly connectionString?: string;
}): TableStore {
  if (settings.connectionString) {
    const connectionString = settings.connectionString;
    const insecure = /UseDevelopmentStorage=true|http:\/\//i.test(connectionString);
    return new TableStore({
      tableClient: (name) =>
        TableClient.fromConnectionString(connectionString, name, {
          allowInsecureConnection: insecure,
        }),
    });
  }
  if (!settings.url) throw new Error("AZURE_STORAGE_TABLE_URL is not set");
  const url = settings.url;
  const credential = new DefaultAzureCredential();
  return new TableStore({ tableClient: (name) => new TableClient(url, name, credential) });
}
