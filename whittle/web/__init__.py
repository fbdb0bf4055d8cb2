"""The browser side: pages, the chat WebSocket, and the guards in front of them."""
