/**
 * The Windows side of `AccessHostConn`: a PowerShell script that keeps one OLE DB connection to the
 * .mdb/.accdb open (the Jet/ACE provider every Windows with Office or the Access runtime has) and
 * answers one JSON request per line on stdin with one JSON line on stdout. Unlike node-adodb (a new
 * cscript per statement, no parameters, batch-only transactions), it runs parameterised commands
 * inside a real transaction, so the order writer's exactly-once reads and writes share one.
 *
 * Written to a file next to the app's data at run time; it cannot run on the build machines (no
 * Windows, no Jet), where `tests/helpers/access-host-twin.mjs` speaks the same protocol.
 */
export const ACCESS_HOST_PS1 = String.raw`
$ErrorActionPreference = 'Stop'
[Console]::InputEncoding = [Text.Encoding]::UTF8
[Console]::OutputEncoding = New-Object Text.UTF8Encoding $false
Add-Type -AssemblyName System.Data
$conn = $null
$tx = $null
function Send($obj) { [Console]::Out.WriteLine((ConvertTo-Json -InputObject $obj -Compress -Depth 6)); [Console]::Out.Flush() }
function NewCommand($sql, $params) {
  $cmd = $conn.CreateCommand()
  $cmd.CommandText = $sql
  if ($tx) { $cmd.Transaction = $tx }
  foreach ($p in @($params)) {
    if ($p -eq $null) { continue }
    $par = $cmd.CreateParameter()
    switch ($p.t) {
      'i' { $par.OleDbType = [System.Data.OleDb.OleDbType]::Integer; $par.Value = [int]$p.v }
      'f' { $par.OleDbType = [System.Data.OleDb.OleDbType]::Double; $par.Value = [double]$p.v }
      's' { $par.OleDbType = [System.Data.OleDb.OleDbType]::VarWChar; $par.Value = [string]$p.v }
      'd' { $par.OleDbType = [System.Data.OleDb.OleDbType]::Date; $par.Value = [DateTime]::ParseExact($p.v, 'yyyy-MM-dd HH:mm:ss', [Globalization.CultureInfo]::InvariantCulture) }
      default { $par.OleDbType = [System.Data.OleDb.OleDbType]::VarWChar; $par.Value = [DBNull]::Value }
    }
    [void]$cmd.Parameters.Add($par)
  }
  return $cmd
}
while ($true) {
  $line = [Console]::In.ReadLine()
  if ($line -eq $null) { break }
  $req = ConvertFrom-Json $line
  try {
    switch ($req.op) {
      'open' {
        $conn = New-Object System.Data.OleDb.OleDbConnection($req.connectionString)
        $conn.Open()
        Send @{ id = $req.id; ok = $true }
      }
      'query' {
        $cmd = NewCommand $req.sql $req.params
        $r = $cmd.ExecuteReader()
        $rows = New-Object System.Collections.ArrayList
        while ($r.Read()) {
          $row = [ordered]@{}
          for ($i = 0; $i -lt $r.FieldCount; $i++) {
            $v = $r.GetValue($i)
            if ($v -is [DBNull]) { $v = $null }
            elseif ($v -is [DateTime]) { $v = $v.ToString('yyyy-MM-dd HH:mm:ss') }
            elseif ($v -is [bool]) { if ($v) { $v = -1 } else { $v = 0 } }
            elseif ($v -is [decimal]) { $v = [double]$v }
            $row[$r.GetName($i)] = $v
          }
          [void]$rows.Add([pscustomobject]$row)
        }
        $r.Close()
        Send @{ id = $req.id; ok = $true; rows = $rows.ToArray() }
      }
      'run' {
        $cmd = NewCommand $req.sql $req.params
        $n = $cmd.ExecuteNonQuery()
        $idc = $conn.CreateCommand()
        $idc.CommandText = 'SELECT @@IDENTITY'
        if ($tx) { $idc.Transaction = $tx }
        $id = $idc.ExecuteScalar()
        if ($id -is [DBNull] -or $id -eq $null) { $id = 0 }
        Send @{ id = $req.id; ok = $true; affected = $n; insertId = [double]$id }
      }
      'begin' { $tx = $conn.BeginTransaction(); Send @{ id = $req.id; ok = $true } }
      'commit' { $tx.Commit(); $tx = $null; Send @{ id = $req.id; ok = $true } }
      'rollback' { if ($tx) { $tx.Rollback(); $tx = $null }; Send @{ id = $req.id; ok = $true } }
      'close' { if ($conn) { $conn.Close() }; Send @{ id = $req.id; ok = $true }; exit 0 }
      default { Send @{ id = $req.id; ok = $false; error = 'unknown op' } }
    }
  } catch {
    Send @{ id = $req.id; ok = $false; error = $_.Exception.Message }
  }
}
`;
