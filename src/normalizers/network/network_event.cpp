#include "normalizers/network/network_event.h"

#include <cctype>

#include "normalizers/network/ip_address.h"

namespace iochound {

std::string DefenderProtocol(std::string_view protocol) {
  std::string out;
  for (char c : protocol) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

void EmitNetworkEvent(const NetworkConnection& connection, RowSink& sink, const RecordLocation& where) {
  TableRow row(sink, "DeviceNetworkEvents", where);
  if (!row.wanted()) return;
  row.SetDatetime("Timestamp", connection.time_ticks);
  row.SetDatetime("TimeGenerated", connection.time_ticks);
  row.Set("DeviceName", connection.device_name);
  row.Set("ActionType", connection.action_type);
  std::string remote_ip = CanonicalIpAddress(connection.remote_ip);
  std::string local_ip = CanonicalIpAddress(connection.local_ip);
  row.Set("RemoteIP", remote_ip);
  if (connection.remote_port) row.SetLong("RemotePort", *connection.remote_port);
  row.Set("RemoteUrl", connection.remote_url);
  row.Set("LocalIP", local_ip);
  if (connection.local_port) row.SetLong("LocalPort", *connection.local_port);
  row.Set("Protocol", connection.protocol);
  row.Set("LocalIPType", IpAddressType(local_ip));
  row.Set("RemoteIPType", IpAddressType(remote_ip));
  if (!connection.additional_fields.empty()) row.SetJson("AdditionalFields", connection.additional_fields);
  row.Set("SourceSystem", connection.source_system);
  row.Set("Type", "DeviceNetworkEvents");
  row.Commit();
}

}  // namespace iochound
