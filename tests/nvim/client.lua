-- Run after the setup from docs/editors.md (the init.lua): wait until that setup has attached the server to the
-- buffer and its diagnostics have come, ask for completion, and write what came back to the file named by $AL_OUT.
-- Uses only APIs from Neovim 0.7 on (Debian's), so it runs on the Neovim the CI installs.
local out = {}
local function attached() return vim.lsp.buf_get_clients(0)[1] end
local ok = vim.wait(20000, function() return attached() ~= nil and #vim.diagnostic.get(0) > 0 end, 50)
local client = attached()
table.insert(out, string.format("diagnostics %s from %s", tostring(ok), client and client.name or "no client"))
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
  table.insert(out, string.format("%d %s %s", d.lnum, code, vim.split(d.message, "\n")[1]))
end

local params = {
  textDocument = { uri = vim.uri_from_bufnr(0) },
  position = { line = tonumber(vim.env.AL_LINE), character = tonumber(vim.env.AL_CHARACTER) },
}
local response = client and client.request_sync("textDocument/completion", params, 10000, 0)
local items = response and response.result and (response.result.items or response.result) or {}
local labels = {}
for _, item in ipairs(items) do table.insert(labels, item.label) end
table.sort(labels)
table.insert(out, "completion " .. table.concat(labels, " "))

vim.fn.writefile(out, vim.env.AL_OUT)
if client then client.stop() end
vim.cmd("qa!")
